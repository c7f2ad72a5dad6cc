/** BuildKit's casing checks: stage names, `AS` next to `FROM`, and instruction keywords. */
import type { Range } from 'vscode-languageserver-types';
import { referencesOf, type DockerfileModel, type StageModel } from '../../../model';
import type { Rule, RuleFix } from '../../types';
import { excerpt, isSelfConsistentCasing, matchCase, quoted, replace } from '../../ruleKit';
import { defineRule } from '../../defineRule';

export const stageNameCasing: Rule = defineRule({
  id: 'StageNameCasing',
  title: 'Stage names should be lowercase',
  severity: 'warning',
  buildkit: { slug: 'stage-name-casing' },
  docs: {
    catches: 'A stage name with capitals (`FROM golang AS Builder`).',
    why: 'Stage names are compared without case, and image references must be lowercase; a mixed-case name reads as if case mattered.',
    bad: 'FROM golang AS Builder',
    good: 'FROM golang AS builder',
    notes: 'The quick fix lowercases the name and every `FROM`, `COPY --from` and mount `from=` that refers to it.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (stage.name && stage.nameRange && stage.name !== stage.name.toLowerCase() && !stage.name.includes('$')) {
        report(stage.nameRange, `Stage name ${quoted(stage.name)} should be lowercase`, { fixes: [renameToLowercase(model, stage, stage.name, stage.nameRange)] });
      }
    }
  },
});

/** The fix of StageNameCasing: the lowercase name, at the stage and at every reference to it by name. */
function renameToLowercase(model: DockerfileModel, stage: StageModel, name: string, nameRange: Range): RuleFix {
  const lower = name.toLowerCase();
  const edits = [replace(nameRange, lower)];
  for (const reference of referencesOf(model).referencesTo({ kind: 'stage', stage })) {
    if (!reference.byIndex && !reference.viaVariable) edits.push(replace(reference.range, lower));
  }
  return { title: `Rename stage to ${quoted(lower)}`, edits, preferred: true };
}

export const fromAsCasing: Rule = defineRule({
  id: 'FromAsCasing',
  title: "The 'as' keyword should match the case of the 'from' keyword",
  severity: 'warning',
  buildkit: { slug: 'from-as-casing' },
  docs: {
    catches: '`FROM` and `AS` written in different cases (`FROM alpine as base`, `from alpine AS base`).',
    why: 'A Dockerfile reads best when keywords share one style; BuildKit flags the mix.',
    bad: 'FROM alpine as base',
    good: 'FROM alpine AS base',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const from = stage.from;
      const as = from.args.length === 3 ? from.args[1] : undefined;
      if (!as || as.value.toLowerCase() !== 'as' || !isSelfConsistentCasing(from.keywordText)) continue;
      const fromUpper = from.keywordText === from.keywordText.toUpperCase();
      const mismatch = fromUpper ? as.value !== as.value.toUpperCase() : as.value !== as.value.toLowerCase();
      if (!mismatch) continue;
      const word = matchCase('AS', from.keywordText);
      report(as.range, `${quoted(as.value)} and ${quoted(from.keywordText)} are written in different cases`, {
        fixes: [{ title: `Change to ${excerpt(word)}`, edits: [replace(as.range, word)], preferred: true }],
      });
    }
  },
});

export const consistentInstructionCasing: Rule = defineRule({
  id: 'ConsistentInstructionCasing',
  title: 'Instructions should all use the same casing',
  severity: 'warning',
  buildkit: { slug: 'consistent-instruction-casing' },
  docs: {
    catches: 'An instruction keyword whose case differs from most others in the file (`from` among `RUN`, `COPY`), or mixed within itself (`From`).',
    why: 'Instructions are case-insensitive, but one style keeps the file easy to scan; BuildKit compares each keyword with the majority.',
    bad: 'from alpine\nRUN apk add curl\nCOPY . /app',
    good: 'FROM alpine\nRUN apk add curl\nCOPY . /app',
    notes: 'When upper and lower case are tied, upper case wins, as in BuildKit.',
  },
  check({ model, report }) {
    let lower = 0;
    let upper = 0;
    for (const instruction of model.instructions) {
      const text = instruction.keywordText;
      if (!isSelfConsistentCasing(text)) continue;
      if (text === text.toLowerCase()) lower++;
      else upper++;
    }
    const majorityLower = lower > upper;
    const style = majorityLower ? 'lowercase' : 'uppercase';
    for (const instruction of model.instructions) {
      const text = instruction.keywordText;
      const expected = majorityLower ? text.toLowerCase() : text.toUpperCase();
      if (text !== expected) {
        report(instruction.keywordRange, `${quoted(text)} should match the ${style} used by most instructions`, {
          fixes: [{ title: `Change to ${excerpt(expected)}`, edits: [replace(instruction.keywordRange, expected)], preferred: true }],
        });
      }
    }
  },
});

/** The rules of this file, in run order. */
export const CASING_RULES: Rule[] = [stageNameCasing, fromAsCasing, consistentInstructionCasing];
