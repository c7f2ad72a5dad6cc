/**
 * Parser for BuildKit's `--progress=plain`: `#N name` opens step N, later `#N ...` lines carry its
 * logs (`#N 0.318 text`), state (`#N CACHED`, `#N DONE 0.3s`, `#N ERROR: ...`, `#N CANCELED`) and
 * status lines; a failed build ends with BuildKit's error summary.
 */
import { type BuildEvent, ErrorSummaryReader, lineParser, type ProgressParser, parseBuildkitStepName } from './events';

/** Creates a streaming parser for plain progress. */
export function createPlainParser(): ProgressParser {
  const summary = new ErrorSummaryReader();
  const names = new Map<string, string>();
  const finished = new Set<string>();

  function line(text: string, out: BuildEvent[]): void {
    const match = /^#(\d+) (.*)$/s.exec(text);
    if (!match) {
      out.push(...summary.line(text));
      if (text !== '') out.push({ type: 'output', text });
      return;
    }
    const id = `#${match[1]}`;
    const rest = match[2];
    const name = names.get(id);
    if (name === undefined) {
      names.set(id, rest);
      out.push({ type: 'step', step: parseBuildkitStepName(id, rest) }, { type: 'started', id });
      return;
    }
    // Plain output repeats the header when it switches back to a step.
    if (rest === name) return;
    if (rest === 'CACHED') {
      out.push({ type: 'cached', id });
      return;
    }
    const done = /^DONE (\d+(?:\.\d+)?)s$/.exec(rest);
    if (done) {
      finished.add(id);
      out.push({ type: 'completed', id, durationMs: Math.round(Number(done[1]) * 1000) });
      return;
    }
    const error = /^ERROR: (.*)$/s.exec(rest);
    if (error) {
      out.push({ type: 'error', id, message: error[1] });
      return;
    }
    if (rest === 'CANCELED') {
      out.push({ type: 'error', id, message: 'canceled' });
      return;
    }
    const log = /^\d+\.\d+ ?(.*)$/s.exec(rest);
    if (log) {
      out.push({ type: 'log', id, text: log[1] });
      return;
    }
    const image = /^writing image (sha256:[0-9a-f]+)/.exec(rest);
    if (image) out.push({ type: 'image', id: image[1] });
  }

  return lineParser(line);
}
