/**
 * Test helper: what of a markdown text a CommonMark renderer reads as markdown. Code spans
 * (backtick runs closed by a run of the same length) and fenced code blocks show their text
 * literally; the rest can become links, images and HTML, so hostile document text must not be there.
 */
import assert from 'node:assert/strict';

/** Stands for a code span or a fenced line in outsideCode's result. */
export const CODE = '\u2400';

/** The markdown with every code span and fenced code line replaced by CODE. */
export function outsideCode(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    if (fence !== null) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = null;
      out.push(CODE);
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    // A backtick fence's info string may not hold a backtick; then it is a code span, not a fence.
    if (open && !(open[1][0] === '`' && line.slice(line.indexOf(open[1]) + open[1].length).includes('`'))) {
      fence = open[1];
      out.push(CODE);
      continue;
    }
    out.push(outsideSpans(line));
  }
  return out.join('\n');
}

// Our writer keeps document text on one line, so spans are looked for line by line: a span that
// would need two lines counts as not closed, the stricter reading.
function outsideSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === '\\' && i + 1 < line.length) {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (line[i] !== '`') {
      out += line[i++];
      continue;
    }
    const length = runLength(line, i);
    let close = -1;
    for (let j = i + length; j < line.length; ) {
      if (line[j] !== '`') {
        j++;
        continue;
      }
      const run = runLength(line, j);
      if (run === length) {
        close = j;
        break;
      }
      j += run;
    }
    if (close < 0) {
      out += line.slice(i, i + length);
      i += length;
    } else {
      out += CODE;
      i = close + length;
    }
  }
  return out;
}

function runLength(line: string, at: number): number {
  let n = 0;
  while (line[at + n] === '`') n++;
  return n;
}

/** Our own reference links, the only links a hover may hold. */
const OUR_LINK = /^\[[^\]\n]+\]\(https:\/\/docs\.docker\.com\/[^)\s]*\)$/gm;

/**
 * Fails when document text could render as something other than text: outside code, no image,
 * link, HTML or URL but our reference links, and no raw control character anywhere.
 */
export function assertInertMarkdown(markdown: string, label: string): void {
  const rest = outsideCode(markdown).replace(OUR_LINK, '');
  for (const active of ['![', '](', '<', 'http', 'www.', 'javascript:', 'evil']) {
    assert.ok(!rest.includes(active), `${label}: ${JSON.stringify(active)} outside code in ${JSON.stringify(markdown)}`);
  }
  const control = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.exec(markdown);
  assert.equal(control, null, `${label}: a raw control character in ${JSON.stringify(markdown)}`);
}
