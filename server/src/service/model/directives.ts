/**
 * Parser directives: `# name=value` comment lines at the very top of a Dockerfile.
 * BuildKit stops looking at the first line that is not a known directive (an instruction,
 * an ordinary comment or a blank line), and a directive may appear only once.
 */
import { getDirective } from '../data';
import type { ParserDirective } from './types';

/** The parts of a `# name=value` line, read by a scan: a regex ending `(.*?)\s*$` is quadratic on a run of spaces. */
interface DirectiveLine {
  nameStart: number;
  name: string;
  valueStart: number;
  value: string;
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Reads `# name = value` (spaces around each part, the value trimmed); null for any other line. */
function readDirectiveLine(content: string): DirectiveLine | null {
  let i = 0;
  while (isSpace(content[i])) i++;
  if (content[i] !== '#') return null;
  i++;
  while (isSpace(content[i])) i++;
  const nameStart = i;
  if (!/[a-zA-Z]/.test(content[i] ?? '')) return null;
  while (i < content.length && /[a-zA-Z0-9_-]/.test(content[i])) i++;
  const name = content.slice(nameStart, i);
  while (isSpace(content[i])) i++;
  if (content[i] !== '=') return null;
  i++;
  while (isSpace(content[i])) i++;
  const value = content.slice(i).trimEnd();
  // As `.` in the regex this replaces, the value never spans a line terminator.
  if (/[\n\r\u2028\u2029]/.test(value)) return null;
  return { nameStart, name, valueStart: i, value };
}

/** Reads the directives at the top of the text, in order. */
export function parseDirectives(text: string): ParserDirective[] {
  const directives: ParserDirective[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (let line = 0; offset <= text.length; line++) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const content = text.slice(offset, end).replace(/\r$/, '');
    const match = readDirectiveLine(content);
    if (!match) break;
    const name = match.name.toLowerCase();
    // Only the directives in data/ count; any other `# x=y` line is an ordinary comment.
    if (!getDirective(name) || seen.has(name)) break;
    seen.add(name);
    const { nameStart, valueStart, value } = match;
    directives.push({
      name,
      value,
      range: { start: { line, character: 0 }, end: { line, character: content.length } },
      nameRange: { start: { line, character: nameStart }, end: { line, character: nameStart + match.name.length } },
      valueRange: { start: { line, character: valueStart }, end: { line, character: valueStart + value.length } },
    });
    offset = end + 1;
  }
  return directives;
}
