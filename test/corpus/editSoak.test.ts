/**
 * An edit soak: seeded single-edit steps over a real-world Dockerfile, as typing makes them
 * (inserts and deletes of `\`, `#`, newlines, `<<EOF`, quotes), each parsed incrementally from
 * the previous version as the editor does. No exception may escape the model or the lint, no
 * rule may crash. (Whether the incremental lint equals a fresh one is diagnostics.test.ts's
 * business; on text this mangled it can differ around heredocs, a separate, known issue.)
 * Behaviour only: time is the benchmarks' business.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDockerfileService } from '../../server/src/service';
import { random } from './fuzzMutants';

const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');
/** RUNs with comment lines inside their continuations: where the parser's escape handling is tested. */
const FILE = join(CORPUS, 'real-world', 'devcontainers', 'images', 'src', 'python', '.devcontainer', 'Dockerfile');
const EDITS = 2000;
const SEED = 9;
const PIECES = ['\\', '\\', '#', '\n', '\n', '<<EOF', 'EOF', '"', "'", '`', ' ', 'a'];

/** The offset of the first non-blank character of a line picked by `fraction` (0 <= fraction < 1). */
function lineStart(text: string, fraction: number): number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  let at = starts[Math.floor(fraction * starts.length)];
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

test(`edit soak: ${EDITS} seeded edits, each linted incrementally, nothing escapes and nothing is lost`, () => {
  const next = random(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const editor = createDockerfileService();
  // Start where typing met the fault: a `\` typed before the `#` of the comment inside the first RUN.
  const original = readFileSync(FILE, 'utf8');
  const comment = original.indexOf('    # Remove imagemagick') + 4;
  assert.ok(comment > 4, 'the corpus file changed: pick the comment line inside its first RUN again');
  let text = `${original.slice(0, comment)}\\${original.slice(comment)}`;
  const problems: string[] = [];
  let faultVersions = 0;
  for (let version = 1; version <= EDITS; version++) {
    // A third of the edits start a line (after its indentation), where typing often happens and
    // where `\` before a comment's `#` makes dockerfile-ast 0.7.1 throw; the rest go anywhere.
    const atLineStart = next() < 0.33;
    const at = atLineStart ? lineStart(text, next()) : Math.floor(next() * (text.length + 1));
    const piece = atLineStart && next() < 0.5 ? '\\' : pick(PIECES);
    // Deletes are kept rarer than inserts so the file does not wear away over the run.
    text = next() < 0.35 && text.length > 0 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + piece + text.slice(at);
    try {
      const diagnostics = editor.lint(editor.model('file:///soak/Dockerfile', version, () => text));
      const crashed = diagnostics.filter((d) => d.code === 'rule-crashed');
      if (crashed.length > 0) problems.push(`version ${version}: ${crashed[0].message}`);
      if (diagnostics.some((d) => d.code === 'parser-fault')) faultVersions++;
    } catch (error) {
      problems.push(`version ${version}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    if (problems.length >= 5) break;
  }
  console.log(`edit soak: ${EDITS} edits, ${faultVersions} versions with a parser-fault notice`);
  assert.deepEqual(problems, []);
  // The run must reach the parser fault the model guards against, or it proves nothing about it.
  assert.ok(faultVersions > 0, 'no version met a parser fault: choose another seed (or dockerfile-ast was fixed)');
});
