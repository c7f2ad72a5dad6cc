/**
 * Parser directives: `# name=value` comment lines at the very top of a Dockerfile.
 * BuildKit stops looking at the first line that is not a known directive (an instruction,
 * an ordinary comment or a blank line), and a directive may appear only once.
 */
import { getDirective } from '../data';
import type { ParserDirective } from './types';

const DIRECTIVE_LINE = /^(\s*#\s*)([a-zA-Z][a-zA-Z0-9_-]*)(\s*=\s*)(.*?)\s*$/;

/** Reads the directives at the top of the text, in order. */
export function parseDirectives(text: string): ParserDirective[] {
  const directives: ParserDirective[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (let line = 0; offset <= text.length; line++) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const content = text.slice(offset, end).replace(/\r$/, '');
    const match = DIRECTIVE_LINE.exec(content);
    if (!match) break;
    const name = match[2].toLowerCase();
    // Only the directives in data/ count; any other `# x=y` line is an ordinary comment.
    if (!getDirective(name) || seen.has(name)) break;
    seen.add(name);
    const nameStart = match[1].length;
    const valueStart = nameStart + match[2].length + match[3].length;
    directives.push({
      name,
      value: match[4],
      range: { start: { line, character: 0 }, end: { line, character: content.length } },
      nameRange: { start: { line, character: nameStart }, end: { line, character: nameStart + match[2].length } },
      valueRange: { start: { line, character: valueStart }, end: { line, character: valueStart + match[4].length } },
    });
    offset = end + 1;
  }
  return directives;
}
