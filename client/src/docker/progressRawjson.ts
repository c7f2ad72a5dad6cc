/**
 * Parser for `docker buildx build --progress=rawjson`: a stream of pretty-printed BuildKit
 * SolveStatus objects (vertexes, statuses, logs, warnings), followed on failure by the same
 * human-readable error summary that plain progress prints.
 */
import { type BuildEvent, ErrorSummaryReader, lineParser, type ProgressParser, parseBuildkitStepName } from './events';

interface RawVertex {
  digest?: string;
  name?: string;
  started?: string;
  completed?: string;
  cached?: boolean;
  error?: string;
}

interface RawLog {
  vertex?: string;
  data?: string;
}

interface RawWarning {
  vertex?: string;
  short?: string;
}

interface VertexSeen {
  started: string | null;
  completed: string | null;
  cached: boolean;
  error: boolean;
}

/** Creates a streaming parser for rawjson progress. */
export function createRawjsonParser(): ProgressParser {
  const summary = new ErrorSummaryReader();
  const seen = new Map<string, VertexSeen>();
  // Logs arrive in arbitrary chunks; keep each vertex's unfinished line until its newline.
  const partial = new Map<string, string>();
  let json: string[] | null = null;

  function vertex(raw: RawVertex, out: BuildEvent[]): void {
    if (!raw.digest) return;
    let state = seen.get(raw.digest);
    if (!state) {
      state = { started: null, completed: null, cached: false, error: false };
      seen.set(raw.digest, state);
      out.push({ type: 'step', step: parseBuildkitStepName(raw.digest, raw.name ?? raw.digest) });
    }
    if (raw.started && raw.started !== state.started) {
      state.started = raw.started;
      out.push({ type: 'started', id: raw.digest });
    }
    if (raw.cached && !state.cached) {
      state.cached = true;
      out.push({ type: 'cached', id: raw.digest });
    }
    if (raw.error && !state.error) {
      state.error = true;
      out.push({ type: 'error', id: raw.digest, message: raw.error });
    }
    if (raw.completed && raw.completed !== state.completed) {
      state.completed = raw.completed;
      const duration = raw.started ? Date.parse(raw.completed) - Date.parse(raw.started) : NaN;
      out.push({ type: 'completed', id: raw.digest, durationMs: Number.isFinite(duration) ? duration : null });
    }
  }

  function log(raw: RawLog, out: BuildEvent[]): void {
    const id = raw.vertex ?? '';
    const text = (partial.get(id) ?? '') + Buffer.from(raw.data ?? '', 'base64').toString('utf8');
    const parts = text.split(/\r?\n/);
    partial.set(id, parts.pop() ?? '');
    for (const part of parts) out.push({ type: 'log', id: id || null, text: part });
  }

  function object(text: string, out: BuildEvent[]): boolean {
    let value: { vertexes?: RawVertex[]; logs?: RawLog[]; warnings?: RawWarning[] };
    try {
      value = JSON.parse(text) as typeof value;
    } catch {
      return false;
    }
    for (const raw of value.vertexes ?? []) vertex(raw, out);
    for (const raw of value.logs ?? []) log(raw, out);
    for (const raw of value.warnings ?? []) {
      const short = raw.short ? Buffer.from(raw.short, 'base64').toString('utf8') : '';
      if (short) out.push({ type: 'output', text: `WARNING: ${short}` });
    }
    return true;
  }

  function line(text: string, out: BuildEvent[]): void {
    if (json) {
      json.push(text);
      // Objects are printed with indentation, so only the outermost closing brace is unindented.
      if (text === '}') {
        object(json.join('\n'), out);
        json = null;
      }
      return;
    }
    if (text === '{') {
      json = [text];
      return;
    }
    if (text.startsWith('{') && object(text, out)) return;
    out.push(...summary.line(text));
    if (text !== '') out.push({ type: 'output', text });
  }

  return lineParser(line, (out) => {
    for (const [id, text] of partial) if (text !== '') out.push({ type: 'log', id: id || null, text });
    partial.clear();
  });
}
