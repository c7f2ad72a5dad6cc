/**
 * Builder parity for instruction flags (`--name=value`): unknown and duplicate flags, and
 * values the builder cannot read, checked against each flag's value kind in data/.
 */
import type { Range } from 'vscode-languageserver-types';
import { REFERENCE, getFlag, getInstruction, takesFlags, type FlagData } from '../../../data';
import type { FlagModel, InstructionModel } from '../../../model';
import type { Rule } from '../../types';
import { defineRule } from '../../defineRule';
import { closest, didYouMean, excerpt, quoted, replace } from '../../ruleKit';

const ref = (anchor: string) => `${REFERENCE}#${anchor}`;

export const unknownFlag: Rule = defineRule({
  id: 'unknown-flag',
  title: 'Unknown flag',
  severity: 'error',
  url: ref('overview'),
  docs: {
    catches: 'A `--flag` the instruction does not have, such as `COPY --chmode` or `RUN --network` on `COPY`.',
    why: 'The builder refuses the whole file on an unknown flag; a misspelt flag is never silently ignored.',
    bad: 'FROM alpine\nCOPY --chwon=app:app . /app',
    good: 'FROM alpine\nCOPY --chown=app:app . /app',
    buildOutput: 'dockerfile parse error on line 2: unknown flag: chwon',
    notes: 'Instructions without flags (ENV, CMD, WORKDIR, ...) still read a leading `--word` as a flag, so it is refused too. The quick fix offers the closest flag name.',
  },
  checkInstruction(instruction, { report }) {
    if (!getInstruction(instruction.keyword)) return;
    // The model reads flags only where data/ lists some; on the others BuildKit still refuses any `--word`.
    if (!takesFlags(instruction.keyword)) {
      const first = instruction.args[0];
      if (first && /^--[^-=\s]/.test(first.value) && instruction.keyword !== 'ONBUILD') {
        const name = first.value.slice(2).split('=')[0];
        report(first.range, `${instruction.keyword} has no flags, and ${quoted(`--${name}`)} is read as one`);
      }
      return;
    }
    if (instruction.keyword === 'HEALTHCHECK' && instruction.args[0]?.value.toUpperCase() === 'NONE') return;
    const names = getInstruction(instruction.keyword)!.flags.map((f) => f.name);
    for (const flag of flagsBeforeTerminator(instruction)) {
      if (getFlag(instruction.keyword, flag.name)) continue;
      const suggestion = closest(flag.name, names, true);
      report(flag.nameRange, `Unknown flag --${excerpt(flag.name)} for ${instruction.keyword}${didYouMean(suggestion ? `--${suggestion}` : undefined)}`, {
        fixes: suggestion ? [{ title: `Change to --${suggestion}`, edits: [replace(flag.nameRange, suggestion)], preferred: true }] : undefined,
      });
    }
  },
});

export const duplicateFlag: Rule = defineRule({
  id: 'duplicate-flag',
  title: 'Duplicate flag',
  severity: 'error',
  url: ref('overview'),
  docs: {
    catches: 'The same flag twice on one instruction, for flags that may appear only once (`--mount`, `--exclude` and `--device` may repeat).',
    why: 'The builder refuses the file rather than guess which value you meant.',
    bad: 'FROM alpine AS build\nFROM alpine\nCOPY --from=build --from=build /out /out',
    good: 'FROM alpine AS build\nFROM alpine\nCOPY --from=build /out /out',
    buildOutput: 'dockerfile parse error on line 3: Duplicate flag specified: from',
  },
  checkInstruction(instruction, { report }) {
    if (instruction.flags.length < 2) return;
    const seen = new Set<string>();
    for (const flag of flagsBeforeTerminator(instruction)) {
      const data = getFlag(instruction.keyword, flag.name);
      if (!data || data.repeatable) continue;
      if (seen.has(flag.name)) report(flag.nameRange, `--${excerpt(flag.name)} is given more than once`);
      seen.add(flag.name);
    }
  },
});

export const invalidFlagValue: Rule = defineRule({
  id: 'invalid-flag-value',
  title: 'Invalid flag value',
  severity: 'error',
  url: ref('overview'),
  docs: {
    catches: 'A flag value the builder cannot read: a missing value (`--chown`), a boolean that is not `true`/`false`, a duration that Go cannot parse or that is below 1ms, a negative or non-numeric `--retries`, a `--network`/`--security` mode that does not exist, a malformed `--platform` or `--checksum`.',
    why: 'The builder refuses the file, or (for HEALTHCHECK) the instruction, before anything runs.',
    bad: 'FROM alpine\nHEALTHCHECK --interval=30 CMD wget -q localhost\nRUN --network=off make',
    good: 'FROM alpine\nHEALTHCHECK --interval=30s CMD wget -q localhost\nRUN --network=none make',
    buildOutput: 'dockerfile parse error on line 2: time: missing unit in duration "30"',
    notes: 'Values that contain variables are left alone: they are only known at build time.',
  },
  checkInstruction(instruction, { report }) {
    for (const flag of flagsBeforeTerminator(instruction)) {
      const data = getFlag(instruction.keyword, flag.name);
      if (!data || data.valueKind === 'mount') continue;
      const problem = flagValueProblem(data, flag);
      if (problem) report(valueRange(flag), `--${excerpt(flag.name)}: ${problem}`);
    }
  },
});

function valueRange(flag: FlagModel): Range {
  return flag.valueRange && flag.value ? flag.valueRange : flag.range;
}

/** What is wrong with a flag's value, or null. */
export function flagValueProblem(data: FlagData, flag: FlagModel): string | null {
  const value = flag.value;
  if (data.valueKind === 'boolean' || data.valueKind === 'none') {
    if (value === null) return null;
    if (value === '') return 'the value after "=" is empty (write true or false, or drop "=")';
    return /^(true|false)$/i.test(value) ? null : `expected true or false, not ${quoted(value)}`;
  }
  if (value === null) return `needs a value (--${flag.name}=<value>)`;
  // Newer frontends also take symbolic modes (`u+x`) for --chmod, so only mounts check octal.
  if (value.includes('$') || data.valueKind === 'octal') return null;
  return valueProblem(data.valueKind, value, data.values, flag.name);
}

/** What is wrong with a value of the given kind, or null; shared with mount options. */
export function valueProblem(kind: FlagData['valueKind'], value: string, values: string[] | undefined, name: string): string | null {
  switch (kind) {
    case 'duration': {
      const ms = parseGoDuration(value);
      if (ms === null) return `${quoted(value)} is not a duration (use a unit: 30s, 1m30s, 500ms)`;
      return ms !== 0 && ms < 1 ? 'a duration must be 0 or at least 1ms' : null;
    }
    case 'integer':
      if (!/^[-+]?\d+$/.test(value)) return `${quoted(value)} is not a whole number`;
      return name === 'retries' && Number(value) < 0 ? 'cannot be negative' : null;
    case 'enum':
      return values && !values.includes(value) ? `${quoted(value)} is not one of ${values.join(', ')}` : null;
    case 'platform':
      return /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+){0,2}$/.test(value) ? null : `${quoted(value)} is not a platform (os/arch[/variant])`;
    case 'checksum':
      return checksumProblem(value);
    case 'boolean':
      return /^(true|false)$/i.test(value) ? null : `expected true or false, not ${quoted(value)}`;
    case 'octal':
      return /^[0-7]+$/.test(value) ? null : `${quoted(value)} is not an octal mode such as 0755`;
    default:
      return null;
  }
}

const DIGEST_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

function checksumProblem(value: string): string | null {
  const match = /^([a-z0-9]+):([0-9a-f]+)$/.exec(value);
  if (!match) return `${quoted(value)} is not a digest such as sha256:<64 hex digits>`;
  const length = DIGEST_LENGTH[match[1]];
  if (length === undefined) return `unsupported digest algorithm ${quoted(match[1])} (use sha256, sha384 or sha512)`;
  return match[2].length === length ? null : `a ${match[1]} digest has ${length} hex digits, not ${match[2].length}`;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Milliseconds of a Go duration string (`1m30s`), or null when Go's parser would refuse it. */
export function parseGoDuration(text: string): number | null {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return null;
  let total = 0;
  const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest.length > 0) {
    const match = part.exec(rest);
    if (!match) return null;
    total += Number(match[1]) * UNIT_MS[match[2]];
    rest = rest.slice(match[0].length);
  }
  return sign * total;
}

/** The flags before a bare `--`, which ends BuildKit's flag list (later words are arguments). */
export function flagsBeforeTerminator(instruction: InstructionModel): FlagModel[] {
  const end = instruction.flags.findIndex((f) => f.name === '');
  return end < 0 ? instruction.flags : instruction.flags.slice(0, end);
}

/** True when the instruction reads flags (the model fills `flags` only for these). */
export function readsFlags(instruction: InstructionModel): boolean {
  return takesFlags(instruction.keyword);
}

/** The rules of this file, in run order. */
export const FLAG_RULES: Rule[] = [unknownFlag, duplicateFlag, invalidFlagValue];
