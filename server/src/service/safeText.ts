/**
 * Document text on its way to people. Hovers, diagnostic messages, code action titles and the
 * CLI quote Dockerfile text, which a repository chooses: a megabyte-long token must reach them
 * cut, and control characters (terminal escapes, bidirectional overrides) shown, not obeyed.
 */

/** Longest piece of document text quoted in a message, title or hover before it is cut. */
export const MAX_QUOTED = 200;

/** The text, or its first `max` characters and an ellipsis (a surrogate pair is never split). */
export function excerpt(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

// C0 controls but tab, DEL, C1 controls (U+009B is a one-character CSI to some terminals), and
// the invisible marks and overrides that reorder a line's display (the "Trojan Source" set).
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text with each control character written as a visible `\u001b`-style escape. */
export function showControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
