/** Plan steps for tests, until the step plan (service/cache/plan.ts) can give them. */
import type { PlanStep } from '../../server/src/protocol';

/**
 * Plan steps of a simple Dockerfile (`\` continuations, heredocs without quotes), as the plan would give them
 * for a build whose image contains `inImage` stages: RUN/COPY/ADD write layers, the rest metadata.
 */
export function planOf(text: string, inImage: number[]): PlanStep[] {
  const lines = text.split('\n');
  const steps: PlanStep[] = [];
  let stage = -1;
  for (let line = 0; line < lines.length; line++) {
    const first = lines[line].trim();
    if (first === '' || first.startsWith('#')) continue;
    let joined = lines[line];
    let endLine = line;
    while (joined.endsWith('\\') && endLine + 1 < lines.length) joined = joined.slice(0, -1) + lines[++endLine];
    // A heredoc's body belongs to its instruction.
    const heredoc = /<<-?(\w+)/.exec(joined);
    if (heredoc) while (endLine + 1 < lines.length && lines[++endLine].trim() !== heredoc[1]) joined += `\n${lines[endLine]}`;
    const keyword = joined.trim().split(' ')[0].toUpperCase();
    if (keyword === 'FROM') stage++;
    const output = stage >= 0 && !inImage.includes(stage) ? 'not-in-image' : ['RUN', 'COPY', 'ADD'].includes(keyword) ? 'layer' : 'metadata';
    steps.push({ line, endLine, stage, keyword, text: joined.trim(), trigger: false, buildkit: null, legacy: null, output, rebuildsWhen: [] });
    line = endLine;
  }
  return steps;
}
