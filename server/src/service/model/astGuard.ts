/**
 * The model's boundary with dockerfile-ast. The parser can throw on input it mis-reads
 * (0.7.1's getHeredocs does on `RUN \` followed by a line starting `\ x`), and a throw there
 * used to surface in every rule that read the instruction. Every dockerfile-ast call the model
 * makes goes through `guarded`: a fault falls back to an empty value for that one part of that
 * one instruction, is recorded, and the rest of the document is modelled and checked as usual.
 */
import type { ParserFault } from './types';

/** The text of a caught value, for a fault's message. */
export function faultMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `read`; when it throws, records the fault for `part` and returns `fallback`. */
export function guarded<T>(faults: ParserFault[], part: string, read: () => T, fallback: T): T {
  try {
    return read();
  } catch (error) {
    if (!faults.some((f) => f.part === part)) faults.push({ part, message: faultMessage(error) });
    return fallback;
  }
}
