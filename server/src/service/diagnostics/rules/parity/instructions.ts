/**
 * Builder parity for instructions as a whole: unknown keywords, argument counts, the place of
 * FROM, ONBUILD triggers and ENV/LABEL pairs. Every finding here is something `docker build`
 * (BuildKit) refuses, so every rule is an error.
 */
import { INSTRUCTIONS, REFERENCE, acceptsForm, getInstruction } from '../../../data';
import type { Rule } from '../../types';
import { defineRule } from '../../defineRule';
import { closest, didYouMean, excerpt, matchCase, quoted, replace } from '../../ruleKit';

const KEYWORDS = INSTRUCTIONS.map((i) => i.keyword);
const ref = (anchor: string) => `${REFERENCE}#${anchor}`;

export const unknownInstruction: Rule = defineRule({
  id: 'unknown-instruction',
  title: 'Unknown instruction',
  severity: 'error',
  url: ref('overview'),
  docs: {
    catches: 'A line starts with a word that is not one of the 18 Dockerfile instructions, often a typo.',
    why: 'The builder stops at the first unknown word, so nothing after it is built.',
    bad: 'FROM alpine\nRUNN apk add curl',
    good: 'FROM alpine\nRUN apk add curl',
    buildOutput: 'dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)',
    notes: 'The quick fix replaces the word with the closest instruction name, in the same casing.',
  },
  checkInstruction(instruction, { report }) {
    if (getInstruction(instruction.keyword)) return;
    const suggestion = closest(instruction.keyword, KEYWORDS);
    const word = suggestion && matchCase(suggestion, instruction.keywordText);
    report(instruction.keywordRange, `Unknown instruction ${quoted(instruction.keywordText)}${didYouMean(suggestion)}`, {
      fixes: word ? [{ title: `Change to ${word}`, edits: [replace(instruction.keywordRange, word)], preferred: true }] : undefined,
    });
  },
});

export const missingArguments: Rule = defineRule({
  id: 'missing-arguments',
  title: 'Missing arguments',
  severity: 'error',
  url: ref('overview'),
  docs: {
    catches: 'An instruction has fewer arguments than it needs: `COPY` with only a source, `WORKDIR` with no path, `FROM` with no image.',
    why: 'The builder refuses the file; COPY and ADD need a destination as their last argument.',
    bad: 'FROM alpine\nCOPY app.py',
    good: 'FROM alpine\nCOPY app.py /app/',
    buildOutput: 'dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined',
  },
  checkInstruction(instruction, { report }) {
    const data = getInstruction(instruction.keyword);
    // Words after a bare `--` are arguments to BuildKit, though the parser saw flags.
    const terminator = instruction.flags.findIndex((f) => f.name === '');
    const count = instruction.args.length + (terminator < 0 ? 0 : instruction.flags.length - terminator - 1);
    if (!data || count >= data.minArgs) return;
    const need = data.minArgs === 1 ? 'at least one argument' : `at least ${data.minArgs} arguments`;
    const extra = data.minArgs === 2 && count === 1 ? ': a source and a destination' : '';
    report(instruction.keywordRange, `${instruction.keyword} requires ${need}${extra}`);
  },
});

export const tooManyArguments: Rule = defineRule({
  id: 'too-many-arguments',
  title: 'Too many arguments',
  severity: 'error',
  url: ref('from'),
  docs: {
    catches: '`FROM` with other than one argument or `<image> AS <name>`, and `HEALTHCHECK NONE` followed by anything.',
    why: 'The builder refuses the file. A stray word after the image is usually a missing `AS`.',
    bad: 'FROM node:20 builder',
    good: 'FROM node:20 AS builder',
    buildOutput: 'dockerfile parse error on line 1: FROM requires either one or three arguments',
  },
  checkInstruction(instruction, { report }) {
    const args = instruction.args;
    if (instruction.keyword === 'FROM') {
      const ok = args.length <= 1 || (args.length === 3 && args[1].value.toLowerCase() === 'as');
      if (!ok) {
        const range = { start: args[1].range.start, end: args[args.length - 1].range.end };
        report(range, 'FROM takes an image and optionally `AS <name>`, nothing else');
      }
    } else if (instruction.keyword === 'HEALTHCHECK' && args.length > 1 && args[0].value.toUpperCase() === 'NONE') {
      report({ start: args[1].range.start, end: args[args.length - 1].range.end }, 'HEALTHCHECK NONE takes no arguments');
    }
  },
});

export const invalidHealthcheck: Rule = defineRule({
  id: 'invalid-healthcheck',
  title: 'Invalid HEALTHCHECK',
  severity: 'error',
  url: ref('healthcheck'),
  docs: {
    catches: 'A `HEALTHCHECK` whose first word is neither `CMD` nor `NONE`, or a `CMD` with no command after it.',
    why: 'The builder refuses the file: the check must say how to test the container, or `NONE` to turn the inherited check off.',
    bad: 'HEALTHCHECK curl -f http://localhost/',
    good: 'HEALTHCHECK CMD curl -f http://localhost/',
    buildOutput: 'dockerfile parse error on line 3: Unknown type "CURL" in HEALTHCHECK (try CMD)',
  },
  checkInstruction(instruction, { report }) {
    if (instruction.keyword !== 'HEALTHCHECK' || instruction.args.length === 0) return;
    const first = instruction.args[0];
    const type = first.value.toUpperCase();
    if (type === 'CMD' && instruction.args.length === 1) report(first.range, 'HEALTHCHECK CMD needs a command to run');
    else if (type !== 'CMD' && type !== 'NONE') {
      report(first.range, `Unknown HEALTHCHECK type ${quoted(first.value)}: start with CMD, or use NONE`);
    }
  },
});

export const noFrom: Rule = defineRule({
  id: 'no-from',
  title: 'No FROM instruction',
  severity: 'error',
  url: ref('from'),
  docs: {
    catches: 'A Dockerfile without any `FROM`, including an empty file or one with only comments.',
    why: 'Every build starts from a base image (or `scratch`); without a stage there is nothing to build.',
    bad: '# just comments\nRUN echo hi',
    good: 'FROM alpine\nRUN echo hi',
    buildOutput: 'dockerfile parse error: file with no instructions\n(or) dockerfile contains no stages to build',
  },
  check({ model, report }) {
    if (model.stages.length > 0) return;
    // Where BuildKit stops: the first instruction that needs a stage (global ARGs do not).
    const first = model.instructions.find((i) => i.keyword !== 'ARG') ?? model.instructions[0];
    if (first) {
      report(first.keywordRange, 'The Dockerfile has no FROM instruction: there is no stage to build');
      return;
    }
    // BuildKit's parser reports an empty file at the last line it read.
    const lines = model.text.split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    const last = Math.max(0, lines.length - 1);
    report({ start: { line: last, character: 0 }, end: { line: last, character: 0 } }, 'The Dockerfile has no instructions: a build needs at least a FROM');
  },
});

export const instructionBeforeFrom: Rule = defineRule({
  id: 'instruction-before-from',
  title: 'Instruction before FROM',
  severity: 'error',
  url: ref('understand-how-arg-and-from-interact'),
  docs: {
    catches: 'An instruction other than `ARG` above the first `FROM`.',
    why: 'Only global `ARG`s (and parser directives and comments) may come before the first stage; anything else has no stage to run in.',
    bad: 'ENV APP=/app\nFROM alpine',
    good: 'FROM alpine\nENV APP=/app',
    buildOutput: 'dockerfile parse error on line 1: no build stage in current context',
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.stageIndex >= 0) break;
      if (instruction.keyword === 'ARG' || instruction.keyword === 'FROM' || !getInstruction(instruction.keyword)) continue;
      report(instruction.keywordRange, `${instruction.keyword} comes before the first FROM; only ARG may`);
    }
  },
});

export const onbuildChaining: Rule = defineRule({
  id: 'onbuild-disallowed-trigger',
  title: 'Disallowed ONBUILD trigger',
  severity: 'error',
  url: ref('onbuild'),
  docs: {
    catches: '`ONBUILD ONBUILD ...`, `ONBUILD FROM ...` and `ONBUILD MAINTAINER ...`.',
    why: 'A trigger runs in the image built on top of this one; chaining triggers and starting stages from a trigger are not allowed.',
    bad: 'FROM alpine\nONBUILD ONBUILD RUN make',
    good: 'FROM alpine\nONBUILD RUN make',
    buildOutput: "dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
  },
  checkInstruction(instruction, { report }) {
    const trigger = instruction.trigger;
    if (!trigger) return;
    const data = getInstruction(trigger.keyword);
    if (trigger.keyword === 'ONBUILD') report(trigger.keywordRange, 'ONBUILD cannot trigger another ONBUILD');
    else if (data && !data.allowedInOnbuild) report(trigger.keywordRange, `${trigger.keyword} is not allowed as an ONBUILD trigger`);
  },
});

export const invalidKeyValue: Rule = defineRule({
  id: 'invalid-key-value',
  title: 'Invalid ENV, LABEL or ARG pair',
  severity: 'error',
  url: ref('env'),
  docs: {
    catches: '`ENV` or `LABEL` items without a value (`ENV PATH`, or `ENV A=1 B` where `B` lacks `=`), and pairs with an empty name (`ENV =x`).',
    why: 'The builder refuses the file. `ENV name value` (no `=`) is the legacy one-pair form; in the `name=value` form every item needs its `=`.',
    bad: 'FROM alpine\nENV PATH\nENV A=1 B',
    good: 'FROM alpine\nENV PATH=/usr/local/bin:$PATH\nENV A=1 B=2',
    buildOutput: 'dockerfile parse error on line 2: ENV must have two arguments',
  },
  checkInstruction(instruction, { report }) {
    const keyword = instruction.keyword;
    if (!acceptsForm(keyword, 'keyValue')) return;
    for (const property of instruction.properties) {
      if (property.name === '') report(property.range, `${keyword} names cannot be empty`);
      else if (property.value === null && keyword !== 'ARG') {
        report(property.range, `${keyword} ${excerpt(property.name)} has no value: write ${excerpt(property.name)}=<value>`);
      }
    }
  },
});

/** The rules of this file, in run order. */
export const INSTRUCTION_RULES: Rule[] = [
  unknownInstruction,
  missingArguments,
  tooManyArguments,
  invalidHealthcheck,
  noFrom,
  instructionBeforeFrom,
  onbuildChaining,
  invalidKeyValue,
];
