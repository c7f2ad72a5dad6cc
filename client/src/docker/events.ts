/**
 * One build event model for the three progress formats Docker can print (BuildKit rawjson,
 * BuildKit plain, the legacy builder), so everything downstream (terminal, summary, diagnostics,
 * line mapping) is written once.
 */
import type { StepName } from '../../../server/src/protocol';

/** A build step as the builder names it, with the id the progress stream gives it. */
export interface StepInfo extends StepName {
  /** Stable id within one build: the vertex digest, `#N` of plain output, or `step-N` (legacy). */
  id: string;
  /** True for `[internal] ...`, `exporting to image` and other steps that are not Dockerfile lines. */
  internal: boolean;
}

/** Everything a progress parser reports, in the order it learns it. */
export type BuildEvent =
  | { type: 'step'; step: StepInfo }
  | { type: 'started'; id: string }
  | { type: 'cached'; id: string }
  | { type: 'completed'; id: string; durationMs: number | null }
  | { type: 'error'; id: string | null; message: string }
  | { type: 'log'; id: string | null; text: string }
  /** The `Dockerfile:9` line BuildKit prints above its error excerpt. */
  | { type: 'errorLocation'; file: string; line: number }
  | { type: 'image'; id: string }
  /** A container the legacy builder runs a step in (removed by us if the build is cancelled). */
  | { type: 'container'; id: string }
  /** Text that belongs to no step (warnings, the legacy builder's chatter, the error summary). */
  | { type: 'output'; text: string };

/** A streaming parser: feed it chunks as they arrive, then call end(). */
export interface ProgressParser {
  push(chunk: string): BuildEvent[];
  end(): BuildEvent[];
}

const INSTRUCTION_WORD = /^[A-Za-z]+$/;

/** Reads a BuildKit vertex name such as `[linux/amd64 build 2/6] RUN make` into its parts. */
export function parseBuildkitStepName(id: string, name: string): StepInfo {
  const match = /^\[(?:([^\]]*?)\s+)?(\d+)\/(\d+)\]\s+(.*)$/s.exec(name);
  if (!match) return { id, name, stage: null, index: null, total: null, numbering: 'per-stage', keyword: null, text: name, internal: true };
  // The prefix is `stage`, `platform stage` or `platform`; a platform always contains a slash.
  const prefix = (match[1] ?? '').split(/\s+/).filter((word) => word !== '' && !word.includes('/'));
  const text = match[4];
  const word = text.split(/\s+/, 1)[0];
  return {
    id,
    name,
    stage: prefix.length > 0 ? prefix[prefix.length - 1] : null,
    index: Number(match[2]),
    total: Number(match[3]),
    numbering: 'per-stage',
    keyword: INSTRUCTION_WORD.test(word) ? word.toUpperCase() : null,
    text,
    internal: false,
  };
}

/** Removes ANSI colour sequences (the legacy builder paints stderr lines red). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}

/**
 * A ProgressParser over whole lines: `line` turns one line into events (with the time its chunk
 * arrived), `finish` adds what is still pending when the stream ends.
 */
export function lineParser(
  line: (text: string, out: BuildEvent[], now: number) => void,
  finish?: (out: BuildEvent[]) => void,
): ProgressParser {
  const lines = new LineSplitter();
  return {
    push(chunk) {
      const out: BuildEvent[] = [];
      const now = Date.now();
      for (const text of lines.push(chunk)) line(text, out, now);
      return out;
    },
    end() {
      const out: BuildEvent[] = [];
      const now = Date.now();
      for (const text of lines.end()) line(text, out, now);
      finish?.(out);
      return out;
    },
  };
}

/** Splits a stream into complete lines, keeping the unfinished tail for the next chunk. */
export class LineSplitter {
  private tail = '';

  /** Returns the complete lines in the chunk (without their newline). */
  push(chunk: string): string[] {
    const parts = (this.tail + chunk).split(/\r?\n/);
    this.tail = parts.pop() ?? '';
    return parts;
  }

  /** Returns the last unterminated line, if any. */
  end(): string[] {
    const rest = this.tail;
    this.tail = '';
    return rest === '' ? [] : [rest];
  }
}

/**
 * Recognises BuildKit's error summary: a `Dockerfile:9` line directly followed by a dashed rule.
 * Shared by the rawjson and plain parsers, which both end a failed build with it.
 */
export class ErrorSummaryReader {
  private candidate: { file: string; line: number } | null = null;

  /** Feeds one line of text that belongs to no step; returns the events it completes. */
  line(text: string): BuildEvent[] {
    const events: BuildEvent[] = [];
    if (this.candidate && /^-{8,}$/.test(text)) events.push({ type: 'errorLocation', ...this.candidate });
    this.candidate = null;
    const location = /^(.+):(\d+)$/.exec(text);
    if (location && !text.startsWith(' ')) this.candidate = { file: location[1], line: Number(location[2]) };
    const failure = /^ERROR: (.*)$/.exec(text);
    if (failure) events.push({ type: 'error', id: null, message: failure[1] });
    return events;
  }
}
