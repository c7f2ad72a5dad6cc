/** BuildKit's checks on single instructions: forms, deprecations and formats. */
import { DiagnosticTag } from 'vscode-languageserver-types';
import type { Range } from 'vscode-languageserver-types';
import { getInstruction } from '../../../data';
import type { DockerfileModel, InstructionModel, PropertyModel, StageModel } from '../../../model';
import type { Rule, RuleFix } from '../../types';
import { excerpt, replace } from '../../ruleKit';
import { splitPortSpec } from '../parity/syntax';
import { defineRule } from '../../defineRule';

/** The line of the first SHELL in a stage (Infinity: none), found once per stage. */
const firstShellLine = new WeakMap<StageModel, number>();

function shellLine(stage: StageModel): number {
  let line = firstShellLine.get(stage);
  if (line === undefined) {
    line = stage.instructions.find((i) => i.keyword === 'SHELL')?.range.start.line ?? Infinity;
    firstShellLine.set(stage, line);
  }
  return line;
}

/**
 * True when the stage or one of its parent stages sets SHELL before `before`. The first SHELL
 * of each stage is looked up once: scanning the stage for each CMD made 30,000 CMDs take seconds.
 */
function hasCustomShell(model: DockerfileModel, stage: StageModel, before: InstructionModel): boolean {
  const seen = new Set<number>();
  for (let current: StageModel | undefined = stage; current && !seen.has(current.index); current = current.parentStage === null ? undefined : model.stages[current.parentStage]) {
    seen.add(current.index);
    const line = shellLine(current);
    if (current === stage ? line < before.range.start.line : line !== Infinity) return true;
  }
  return false;
}

const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]#~=%{}!\n]/;

export const jsonArgsRecommended: Rule = defineRule({
  id: 'JSONArgsRecommended',
  title: 'JSON arguments recommended for ENTRYPOINT and CMD',
  severity: 'warning',
  buildkit: { slug: 'json-args-recommended' },
  docs: {
    catches: '`CMD` or `ENTRYPOINT` in shell form (`CMD node server.js`), unless the stage set its own `SHELL`.',
    why: 'In shell form the program runs under `/bin/sh -c`, which becomes PID 1 and does not pass on `SIGTERM`: `docker stop` waits and then kills the container.',
    bad: 'FROM node:20\nCMD node server.js',
    good: 'FROM node:20\nCMD ["node", "server.js"]',
    notes: 'The quick fix rewrites a command with no shell syntax (pipes, variables, quotes, globs) as a JSON array; a command that needs the shell is better wrapped in a script.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        if ((instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') || instruction.form !== 'shell') continue;
        if (instruction.heredocs.length > 0 || hasCustomShell(model, stage, instruction)) continue;
        const args = instruction.args;
        const range = args.length > 0 ? { start: args[0].range.start, end: args[args.length - 1].range.end } : instruction.keywordRange;
        report(range, `${instruction.keyword} in shell form runs under /bin/sh, which does not forward signals; use the JSON form`, {
          fixes: jsonFormFix(instruction, range),
        });
      }
    }
  },
});

/** The fix of JSONArgsRecommended, for a command with no shell syntax: the same words as a JSON array. */
function jsonFormFix(instruction: InstructionModel, range: Range): RuleFix[] {
  const text = instruction.argsText.trim();
  if (SHELL_SYNTAX.test(text)) return [];
  const json = JSON.stringify(text.split(/\s+/)).replace(/","/g, '", "');
  return [{ title: `Use the JSON form: ${excerpt(json)}`, edits: [replace(range, json)], preferred: true }];
}

export const maintainerDeprecated: Rule = defineRule({
  id: 'MaintainerDeprecated',
  title: 'MAINTAINER is deprecated',
  severity: 'warning',
  buildkit: { slug: 'maintainer-deprecated' },
  docs: {
    catches: 'The `MAINTAINER` instruction.',
    why: 'It was replaced by labels, which tools read in a standard way (`org.opencontainers.image.authors`).',
    bad: 'FROM alpine\nMAINTAINER Jane <jane@example.com>',
    good: 'FROM alpine\nLABEL org.opencontainers.image.authors="Jane <jane@example.com>"',
    notes: 'The quick fix writes the LABEL for you.',
  },
  hadolint: ['DL4000'],
  checkInstruction(instruction, { report }) {
    if (instruction.keyword === 'MAINTAINER') {
      report(instruction.keywordRange, 'MAINTAINER is deprecated: set the org.opencontainers.image.authors label instead', {
        tags: [DiagnosticTag.Deprecated],
        fixes: maintainerFix(instruction),
      });
    }
  },
});

/** The fix of MaintainerDeprecated: the same text as the authors label. */
function maintainerFix(instruction: InstructionModel): RuleFix[] {
  if (instruction.args.length === 0) return [];
  const value = instruction.argsText.trim().replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  const keyword = instruction.keywordText === instruction.keywordText.toLowerCase() ? 'label' : 'LABEL';
  const range = { start: instruction.range.start, end: instruction.range.end };
  return [{ title: 'Replace with LABEL org.opencontainers.image.authors', edits: [replace(range, `${keyword} org.opencontainers.image.authors="${value}"`)], preferred: true }];
}

/** CMD, ENTRYPOINT and HEALTHCHECK: only the last one of a stage applies (data/). */
const onlyLastApplies = (keyword: string): boolean => getInstruction(keyword)?.onlyLastApplies === true;

export const multipleInstructionsDisallowed: Rule = defineRule({
  id: 'MultipleInstructionsDisallowed',
  title: 'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage counts',
  severity: 'warning',
  buildkit: { slug: 'multiple-instructions-disallowed' },
  docs: {
    catches: 'More than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK` in a stage; every one but the last is reported.',
    why: 'Only the last one takes effect, so the earlier ones are dead code that misleads readers.',
    bad: 'FROM alpine\nCMD ["sh"]\nCMD ["ash"]',
    good: 'FROM alpine\nCMD ["ash"]',
  },
  hadolint: ['DL4003', 'DL4004'],
  check({ model, report }) {
    for (const stage of model.stages) {
      const last = new Map<string, InstructionModel>();
      for (const instruction of stage.instructions) if (onlyLastApplies(instruction.keyword)) last.set(instruction.keyword, instruction);
      for (const instruction of stage.instructions) {
        if (onlyLastApplies(instruction.keyword) && last.get(instruction.keyword) !== instruction) {
          report(instruction.keywordRange, `Only the last ${instruction.keyword} of a stage takes effect; this one is overridden`, {
            tags: [DiagnosticTag.Unnecessary],
          });
        }
      }
    }
  },
});

export const legacyKeyValueFormat: Rule = defineRule({
  id: 'LegacyKeyValueFormat',
  title: 'Use key=value, not the legacy "key value" form',
  severity: 'warning',
  buildkit: { slug: 'legacy-key-value-format' },
  docs: {
    catches: '`ENV` or `LABEL` written as `ENV key value` (space instead of `=`), and `ARG name value`.',
    why: 'The legacy form allows one pair per instruction and takes the whole rest of the line as the value, which surprises when a second pair is added.',
    bad: 'FROM alpine\nENV APP_HOME /app',
    good: 'FROM alpine\nENV APP_HOME=/app',
    notes: 'The quick fix inserts `=` and quotes a value that contains spaces.',
  },
  checkInstruction(instruction, { model, report }) {
    // `ARG name value` is the same legacy shape: two bare words, no `=`.
    if (instruction.keyword === 'ARG' && instruction.args.length === 2 && instruction.args.every((a) => !a.value.includes('='))) {
      const name = instruction.args[0].value;
      const at = instruction.args[0].range.start;
      const property = instruction.properties.find((p) => p.legacyForm && p.range.start.line === at.line && p.range.start.character === at.character);
      report(instruction.args[0].range, `Write ARG ${excerpt(name)}=<value> instead of the legacy "ARG ${excerpt(name)} <value>"`, { fixes: legacyFix(model, property) });
      return;
    }
    if (instruction.keyword !== 'ENV' && instruction.keyword !== 'LABEL') return;
    for (const property of instruction.properties) {
      if (property.legacyForm) {
        report(property.range, `Write ${instruction.keyword} ${excerpt(property.name)}=<value> instead of the legacy "${instruction.keyword} ${excerpt(property.name)} <value>"`, {
          fixes: legacyFix(model, property),
        });
      }
    }
  },
});

/** The fix of LegacyKeyValueFormat: `=` instead of the space, the value quoted when it has spaces. */
function legacyFix(model: DockerfileModel, property: PropertyModel | undefined): RuleFix[] {
  if (!property?.valueRange || property.value === null) return [];
  const raw = model.textAt(property.valueRange);
  if (raw.includes('\n')) return [];
  const quoted = /^(["']).*\1$/.test(raw);
  if (!quoted && /["']/.test(raw)) return [];
  const value = !quoted && /\s/.test(raw) ? `"${raw.replace(/\\/g, '\\\\')}"` : raw;
  const range = { start: property.nameRange.end, end: property.valueRange.end };
  return [{ title: `Change to ${excerpt(property.name)}=...`, edits: [replace(range, `=${value}`)], preferred: true }];
}

/** True for `/abs`, `C:\...`, `C:/...` and paths starting with a variable (resolved at build time). */
function looksAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\');
}

export const workdirRelativePath: Rule = defineRule({
  id: 'WorkdirRelativePath',
  title: 'Relative WORKDIR without an absolute one before it',
  severity: 'warning',
  buildkit: { slug: 'workdir-relative-path' },
  docs: {
    catches: 'A relative `WORKDIR` in a stage (or its parent stages) that has not set an absolute `WORKDIR` yet.',
    why: 'The path is resolved against the base image\'s working directory, which can change when the base image changes.',
    bad: 'FROM node:20\nWORKDIR app',
    good: 'FROM node:20\nWORKDIR /app',
  },
  check({ model, report }) {
    const absolute: boolean[] = [];
    for (const stage of model.stages) {
      let known = stage.parentStage !== null ? (absolute[stage.parentStage] ?? false) : false;
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== 'WORKDIR' || instruction.args.length === 0) continue;
        const written = instruction.argsText.trim();
        // BuildKit's lexer removes quotes and escapes first: `WORKDIR "/app"` is absolute.
        const path = model.expand(written, instruction);
        if (looksAbsolute(path) || path.includes('$')) known = true;
        else if (!known) report(instruction.args[0].range, `Relative WORKDIR "${excerpt(written)}" depends on the base image's working directory`);
      }
      absolute[stage.index] = known;
    }
  },
});

export const noEmptyContinuation: Rule = defineRule({
  id: 'NoEmptyContinuation',
  title: 'Empty continuation lines',
  severity: 'warning',
  buildkit: { slug: 'no-empty-continuation' },
  docs: {
    catches: 'A blank line inside an instruction continued with `\\`.',
    why: 'The blank line is skipped today, but BuildKit announces it will become an error; it also hides where the instruction really ends.',
    bad: 'FROM alpine\nRUN apk add \\\n\n    curl',
    good: 'FROM alpine\nRUN apk add \\\n    curl',
  },
  checkInstruction(instruction, { model, report }) {
    const { start, end } = instruction.range;
    if (end.line === start.line) return;
    const body = instruction.heredocs.find((h) => h.contentRange ?? h.endRange);
    const stop = body ? (body.contentRange ?? body.endRange)!.start : end;
    const text = model.textAt({ start, end: stop });
    if (/\n[ \t]*\r?\n/.test(text)) {
      report({ start: { line: stop === end ? end.line : stop.line - 1, character: 0 }, end: stop === end ? end : { line: stop.line - 1, character: 0 } }, 'Empty continuation line: remove it (it will become an error)');
    }
  },
});

export const exposeProtoCasing: Rule = defineRule({
  id: 'ExposeProtoCasing',
  title: 'EXPOSE protocols should be lowercase',
  severity: 'warning',
  buildkit: { slug: 'expose-proto-casing' },
  docs: {
    catches: '`EXPOSE 80/TCP` and other upper-case protocols.',
    why: 'Protocols are lowercase everywhere else (`docker run -p 80:80/tcp`); BuildKit asks for one spelling.',
    bad: 'FROM nginx\nEXPOSE 80/TCP',
    good: 'FROM nginx\nEXPOSE 80/tcp',
    notes: 'The quick fix lowercases the protocol.',
  },
  checkInstruction(instruction, { report }) {
    if (instruction.keyword !== 'EXPOSE') return;
    for (const arg of instruction.args) {
      const { proto } = splitPortSpec(arg.value);
      if (!proto || proto === proto.toLowerCase()) continue;
      const expected = arg.value.replace(/\/[^/]*$/, `/${proto.toLowerCase()}`);
      report(arg.range, `Protocol in "${excerpt(arg.value)}" should be lowercase`, {
        fixes: [{ title: `Change to ${excerpt(expected)}`, edits: [replace(arg.range, expected)], preferred: true }],
      });
    }
  },
});

export const exposeInvalidFormat: Rule = defineRule({
  id: 'ExposeInvalidFormat',
  title: 'EXPOSE should not set an IP address or host port',
  severity: 'warning',
  buildkit: { slug: 'expose-invalid-format' },
  docs: {
    catches: '`EXPOSE 127.0.0.1:8080:80` or `EXPOSE 8080:80`.',
    why: 'EXPOSE documents container ports only; host addresses and ports are chosen by `docker run -p`. BuildKit drops them and warns that this will become an error.',
    bad: 'FROM nginx\nEXPOSE 8080:80',
    good: 'FROM nginx\nEXPOSE 80',
  },
  checkInstruction(instruction, { report }) {
    if (instruction.keyword !== 'EXPOSE') return;
    for (const arg of instruction.args) {
      if (!arg.value.includes('$') && splitPortSpec(arg.value).hostPart !== null) {
        report(arg.range, `EXPOSE takes container ports only, not an IP address or host port ("${excerpt(arg.value)}")`);
      }
    }
  },
});

/** The rules of this file, in run order. */
export const INSTRUCTION_CHECKS: Rule[] = [
  jsonArgsRecommended,
  maintainerDeprecated,
  multipleInstructionsDisallowed,
  legacyKeyValueFormat,
  workdirRelativePath,
  noEmptyContinuation,
  exposeProtoCasing,
  exposeInvalidFormat,
];
