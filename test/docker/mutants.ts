/**
 * Fuzz mutants of the shared real-world Dockerfiles, from a seed (the same seed gives the same
 * mutants): a line deleted, a line duplicated, an instruction keyword's case changed, or a
 * variable reference misspelt. Files real BuildKit rejects as they are are left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One mutant: where it came from and how it was changed, and its text. */
export interface Mutant {
  name: string;
  text: string;
}

/** A small deterministic generator (a linear congruential one, as C's rand). */
function generator(seed: number): (n: number) => number {
  let state = seed & 0x7fffffff;
  return (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

const KEYWORD = /^(\s*)([A-Za-z]+)(\s)/;
const REFERENCE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/;

/** One mutation of the lines, or null when the chosen kind does not apply to the chosen line. */
function mutate(lines: string[], random: (n: number) => number): { lines: string[]; how: string } | null {
  // Two times in three, a line the builder reads itself (an instruction other than RUN, or a
  // variable use): random lines are mostly shell continuations, where nothing is checked.
  const interesting = lines.flatMap((l, i) => (/^\s*(?!RUN\b)[A-Za-z]+\s/i.test(l) || l.includes('$') ? [i] : []));
  const at = interesting.length > 0 && random(3) > 0 ? interesting[random(interesting.length)] : random(lines.length);
  const line = lines[at];
  const out = [...lines];
  switch (random(4)) {
    case 0:
      out.splice(at, 1);
      return { lines: out, how: `deleted line ${at + 1}` };
    case 1:
      out.splice(at, 0, line);
      return { lines: out, how: `duplicated line ${at + 1}` };
    case 2: {
      const match = KEYWORD.exec(line);
      if (!match || line.trimStart().startsWith('#')) return null;
      const word = match[2];
      const changed = word === word.toUpperCase() ? word.toLowerCase() : word.toUpperCase();
      out[at] = match[1] + changed + line.slice(match[1].length + word.length);
      return { lines: out, how: `case of "${word}" on line ${at + 1}` };
    }
    default: {
      const match = REFERENCE.exec(line);
      if (!match || match[1].length < 3) return null;
      const name = match[1];
      // Swap two neighbouring letters: the usual typo.
      const i = 1 + random(name.length - 2);
      const typo = name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
      if (typo === name) return null;
      out[at] = line.slice(0, match.index) + match[0].replace(name, typo) + line.slice(match.index + match[0].length);
      return { lines: out, how: `$${name} -> $${typo} on line ${at + 1}` };
    }
  }
}

/** `count` mutants of the real-world files BuildKit accepts, chosen and changed from `seed`. */
export function mutants(corpus: string, count: number, seed: number): Mutant[] {
  const oracle = JSON.parse(readFileSync(join(corpus, 'buildkit-oracle.json'), 'utf8')) as { files: { path: string; error: unknown }[] };
  const accepted = oracle.files.filter((f) => !f.error).map((f) => f.path);
  const random = generator(seed);
  const out: Mutant[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const path = accepted[random(accepted.length)];
    const lines = readFileSync(join(corpus, path), 'utf8').split('\n');
    const first = mutate(lines, random);
    if (!first) continue;
    // Some mutants get a second change, so interactions show up too.
    const second = random(3) === 0 ? mutate(first.lines, random) : null;
    const hows = second ? [first.how, second.how] : [first.how];
    out.push({ name: `${path} (${hows.join('; ')})`, text: (second ?? first).lines.join('\n') });
  }
  return out;
}
