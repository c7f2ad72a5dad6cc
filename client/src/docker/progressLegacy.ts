/**
 * Parser for the legacy builder (`DOCKER_BUILDKIT=0 docker build`): `Step i/n : INSTRUCTION`
 * numbers every instruction of the file, ` ---> Using cache` marks a cached step, ` ---> <id>`
 * ends one, and everything else while a step runs is its output.
 */
import { type BuildEvent, lineParser, type ProgressParser, type StepInfo, stripAnsi } from './events';

const CHATTER = [
  /^ ---> Removed intermediate container/,
  /^Removing intermediate container/,
  /^ ---> \[Warning\]/,
];

/** Creates a streaming parser for the legacy builder's output. */
export function createLegacyParser(): ProgressParser {
  let current: string | null = null;
  let startedAt = 0;

  function line(raw: string, out: BuildEvent[], now: number): void {
    const text = stripAnsi(raw);
    const step = /^Step (\d+)\/(\d+) : (.*)$/s.exec(text);
    if (step) {
      const id = `step-${step[1]}`;
      const word = step[3].split(/\s+/, 1)[0];
      const info: StepInfo = {
        id,
        name: text,
        stage: null,
        index: Number(step[1]),
        total: Number(step[2]),
        numbering: 'file',
        keyword: word.toUpperCase(),
        text: step[3],
        internal: false,
      };
      if (current) out.push({ type: 'completed', id: current, durationMs: now - startedAt });
      current = id;
      startedAt = now;
      out.push({ type: 'step', step: info }, { type: 'started', id });
      return;
    }
    if (text === ' ---> Using cache') {
      if (current) out.push({ type: 'cached', id: current });
      return;
    }
    const container = /^ ---> Running in ([0-9a-f]+)$/.exec(text);
    if (container) {
      out.push({ type: 'container', id: container[1] });
      return;
    }
    if (CHATTER.some((pattern) => pattern.test(text))) return;
    if (/^ ---> [0-9a-f]{12,}$/.test(text)) {
      if (current) out.push({ type: 'completed', id: current, durationMs: now - startedAt });
      current = null;
      return;
    }
    const built = /^Successfully built ([0-9a-f]+)$/.exec(text);
    if (built) {
      out.push({ type: 'image', id: built[1] }, { type: 'output', text });
      return;
    }
    const failed = /^The command .* returned a non-zero code: \d+$/s.test(text) || /^(?:COPY|ADD) failed: /.test(text)
      || /^(?:Error response from daemon|error from sender|unable to prepare context|failed to)/i.test(text);
    if (failed) {
      out.push({ type: 'error', id: current, message: text });
      return;
    }
    if (current) out.push({ type: 'log', id: current, text });
    else if (text !== '') out.push({ type: 'output', text });
  }

  return lineParser(line);
}
