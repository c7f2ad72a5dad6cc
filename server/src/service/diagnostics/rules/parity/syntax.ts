/**
 * Builder parity for the text itself: the escape directive, exec-form JSON, heredocs, quotes
 * and EXPOSE port specs. Each check mirrors what BuildKit's parser or word lexer refuses.
 */
import { expandedVariableRefs, type ArgumentModel, type InstructionModel } from '../../../model';
import { REFERENCE, acceptsForm, getDirective, getInstruction } from '../../../data';
import type { Rule } from '../../types';
import { defineRule } from '../../defineRule';
import { excerpt, quoted } from '../../ruleKit';

const ref = (anchor: string) => `${REFERENCE}#${anchor}`;

export const invalidEscapeDirective: Rule = defineRule({
  id: 'invalid-escape-directive',
  title: 'Invalid escape directive',
  severity: 'error',
  url: ref('escape'),
  docs: {
    catches: 'A `# escape=` parser directive whose value is not a backslash or a backtick.',
    why: 'The escape character also continues lines; the builder accepts only `\\` (the default) and `` ` `` (common on Windows).',
    bad: '# escape=^\nFROM mcr.microsoft.com/windows/servercore:ltsc2022',
    good: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022',
    buildOutput: "invalid escape token '^' does not match ` or \\",
  },
  check({ model, report }) {
    for (const directive of model.directives) {
      const allowed = getDirective(directive.name)?.values;
      if (allowed && !allowed.includes(directive.value)) {
        report(directive.valueRange, `The escape character must be \\ or \`, not ${quoted(directive.value)}`);
      }
    }
  },
});

export const invalidJsonExecForm: Rule = defineRule({
  id: 'invalid-json-exec-form',
  title: 'Invalid exec form',
  severity: 'error',
  url: ref('shell-and-exec-form'),
  docs: {
    catches: 'A JSON array with something other than strings in it (`CMD ["sleep", 10]`), and `SHELL` not written as a JSON array of strings.',
    why: 'Text that starts with `[` but is not JSON at all is quietly run as shell form; valid JSON that is not a list of strings is refused. `SHELL` has no shell form.',
    bad: 'FROM alpine\nCMD ["sleep", 10]\nSHELL /bin/bash -c',
    good: 'FROM alpine\nCMD ["sleep", "10"]\nSHELL ["/bin/bash", "-c"]',
    buildOutput: 'dockerfile parse error on line 2: Dockerfile contains not string array',
    notes: 'Single quotes (`CMD [\'a\']`) are not JSON: the line runs as a shell command, which the JSONArgsRecommended check reports.',
  },
  checkInstruction(instruction, { report }) {
    if (!acceptsForm(instruction.keyword, 'exec')) return;
    let text = instruction.argsText.trim();
    if (instruction.keyword === 'HEALTHCHECK') text = text.replace(/^CMD\s+/i, '');
    const range = argumentsRange(instruction);
    if (text.startsWith('[') && instruction.form !== 'exec' && isNonStringArray(text)) {
      report(range, `${instruction.keyword} exec form must be a JSON array of strings`);
    } else if (instruction.keyword === 'SHELL' && text !== '') {
      if (instruction.form !== 'exec') report(range, 'SHELL must be a JSON array, e.g. ["/bin/sh", "-c"]');
      else if (instruction.execArgs?.length === 0) report(range, 'SHELL needs at least the shell program');
    }
  },
});

function isNonStringArray(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.some((v) => typeof v !== 'string');
  } catch {
    return false;
  }
}

function argumentsRange(instruction: InstructionModel): InstructionModel['range'] {
  const args = instruction.args;
  return args.length > 0 ? { start: args[0].range.start, end: args[args.length - 1].range.end } : instruction.keywordRange;
}

export const unterminatedHeredoc: Rule = defineRule({
  id: 'unterminated-heredoc',
  title: 'Unterminated heredoc',
  severity: 'error',
  url: ref('here-documents'),
  docs: {
    catches: 'A heredoc (`<<EOF`) whose closing delimiter line never comes.',
    why: 'Without the closing line the heredoc swallows the rest of the file; the builder refuses it. The delimiter must be alone on its line (with `<<-`, leading tabs are allowed).',
    bad: 'FROM alpine\nRUN <<EOF\napk add curl\nEOF \n',
    good: 'FROM alpine\nRUN <<EOF\napk add curl\nEOF\n',
    buildOutput: 'dockerfile parse error on line 2: unterminated heredoc',
  },
  checkInstruction(instruction, { report }) {
    for (const heredoc of instruction.heredocs) {
      if (heredoc.endRange === null) report(heredoc.markerRange, `Heredoc ${quoted(heredoc.name)} is never closed: add a line with only ${excerpt(heredoc.name)}`);
    }
  },
});

export const unterminatedQuote: Rule = defineRule({
  id: 'unterminated-quote',
  title: 'Unterminated quote',
  severity: 'error',
  url: ref('environment-replacement'),
  docs: {
    catches: 'A `"` or `\'` that is never closed in an instruction whose words the builder reads itself (ENV, LABEL, ARG, COPY, ADD, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL, FROM).',
    why: 'The builder stops with an error when it expands the words. RUN, CMD and ENTRYPOINT are left to the shell and are not checked here.',
    bad: "FROM alpine\nLABEL description=\"it works",
    good: "FROM alpine\nLABEL description=\"it works\"",
    buildOutput: 'unexpected end of statement while looking for matching double-quote',
    notes: 'The escape character (`\\` or the `# escape=` one) escapes a quote outside single quotes.',
  },
  checkInstruction(instruction, { model, report }) {
    // The builder runs these words through its shell-word lexer; RUN, CMD and ENTRYPOINT go to the shell.
    if (!getInstruction(instruction.keyword)?.expandsVariables || instruction.form === 'exec') return;
    // Escapes are removed from values but quotes are kept: no quote in any value, nothing to scan.
    if (!instruction.args.some((a) => a.value.includes('"') || a.value.includes("'"))) return;
    const open = unclosedQuote(instruction.args, model.escapeChar, model.textAt);
    if (open) report(open.arg.range, `Missing closing ${open.quote} quote`);
  },
});

/** The argument where an unclosed quote opens, scanning the words as one text. */
function unclosedQuote(
  args: ArgumentModel[],
  escape: string,
  textAt: (range: ArgumentModel['range']) => string,
): { arg: ArgumentModel; quote: string } | null {
  let quote: string | null = null;
  let openedIn: ArgumentModel | null = null;
  for (const arg of args) {
    // The raw text: argument values have their escapes already removed.
    const value = textAt(arg.range);
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (quote === "'") {
        if (c === "'") quote = null;
      } else if (c === escape) {
        i++;
      } else if (quote === '"') {
        if (c === '"') quote = null;
      } else if (c === '"' || c === "'") {
        quote = c;
        openedIn = arg;
      }
    }
  }
  return quote && openedIn ? { arg: openedIn, quote } : null;
}

/** What may follow `${name:` in BuildKit's lexer: `-`, `+` or `?` (defaults, alternatives, errors). */
const COLON_MODIFIERS = new Set(['-', '+', '?']);

export const unsupportedSubstitution: Rule = defineRule({
  id: 'unsupported-substitution',
  title: 'Unsupported variable modifier',
  severity: 'error',
  url: ref('environment-replacement'),
  docs: {
    catches: 'A `${name:x...}` in an instruction the builder expands, where `x` is not `-`, `+` or `?`: bash substrings (`${name:1:3}`) and template placeholders (`${templateOption:imageVariant}`) are not Dockerfile syntax.',
    why: 'The builder stops with an error when it expands the word. Templates written for a generator must be filled in before the build.',
    bad: 'FROM alpine\nARG VARIANT=${templateOption:imageVariant}',
    good: 'FROM alpine\nARG VARIANT=${VARIANT:-bookworm}',
    buildOutput: 'failed to process "${templateOption:imageVariant}": unsupported modifier (:i) in substitution',
    notes: 'RUN, CMD and ENTRYPOINT are left to the shell, which has its own rules, and single-quoted or quoted-heredoc text is not expanded.',
  },
  checkInstruction(instruction, { model, report }) {
    if (!getInstruction(instruction.keyword)?.expandsVariables) return;
    let inSingleQuotes: ((offset: number) => boolean) | undefined;
    for (const variable of expandedVariableRefs(model, instruction)) {
      if (variable.modifier !== null) continue;
      const text = model.textAt(variable.range);
      const after = 2 + variable.name.length;
      if (!text.startsWith('${') || text[after] !== ':' || COLON_MODIFIERS.has(text[after + 1])) continue;
      inSingleQuotes ??= singleQuoted(model.text, model.offsetAt(instruction.range.start), model.offsetAt(instruction.range.end), model.escapeChar);
      if (inSingleQuotes(model.offsetAt(variable.range.start))) continue;
      report(variable.range, `Unsupported modifier ":${text[after + 1] ?? ''}" in ${quoted(text)}: the builder knows \${name:-word}, \${name:+word} and \${name:?word}`);
    }
  },
});

/** For offsets in [start, end): whether single quotes (which stop expansion) enclose them; one pass. */
function singleQuoted(text: string, start: number, end: number, escape: string): (offset: number) => boolean {
  const spans: [number, number][] = [];
  let inDouble = false;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === escape) i++;
    else if (c === '"') inDouble = !inDouble;
    else if (c === "'" && !inDouble) {
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 || close >= end ? end : close;
      spans.push([i, stop]);
      i = stop;
    }
  }
  return (offset) => {
    // Spans are in order: binary search for the last one opening before the offset.
    let lo = 0;
    let hi = spans.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid][0] < offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && offset < spans[found][1];
  };
}

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** Splits `[ip:][hostPort:]port[/proto]` into the container port and the protocol. */
export function splitPortSpec(spec: string): { hostPart: string | null; port: string; proto: string | null } {
  const slash = spec.lastIndexOf('/');
  const proto = slash >= 0 ? spec.slice(slash + 1) : null;
  const rest = slash >= 0 ? spec.slice(0, slash) : spec;
  const colon = rest.lastIndexOf(':');
  return { hostPart: colon >= 0 ? rest.slice(0, colon) : null, port: colon >= 0 ? rest.slice(colon + 1) : rest, proto };
}

export const invalidPort: Rule = defineRule({
  id: 'invalid-port',
  title: 'Invalid port or protocol',
  severity: 'error',
  url: ref('expose'),
  docs: {
    catches: 'An `EXPOSE` port that is not a number (or range) from 0 to 65535, or a protocol other than tcp, udp or sctp.',
    why: 'The builder refuses the instruction.',
    bad: 'FROM nginx\nEXPOSE 80/http 99999',
    good: 'FROM nginx\nEXPOSE 80/tcp 9999',
    buildOutput: 'invalid proto: http',
  },
  checkInstruction(instruction, { report }) {
    if (instruction.keyword !== 'EXPOSE') return;
    for (const arg of instruction.args) {
      if (arg.value.includes('$')) continue;
      const { port, proto } = splitPortSpec(arg.value);
      if (proto !== null && !PROTOCOLS.has(proto.toLowerCase())) {
        report(arg.range, `Unknown protocol ${quoted(proto)}: use tcp, udp or sctp`);
        continue;
      }
      const match = /^(\d+)(?:-(\d+))?$/.exec(port);
      const start = match ? Number(match[1]) : NaN;
      const end = match?.[2] !== undefined ? Number(match[2]) : start;
      if (!match || start > 65535 || end > 65535 || end < start) report(arg.range, `${quoted(port)} is not a port or port range from 0 to 65535`);
    }
  },
});

/** The rules of this file, in run order. */
export const SYNTAX_RULES: Rule[] = [invalidEscapeDirective, invalidJsonExecForm, unterminatedHeredoc, unterminatedQuote, unsupportedSubstitution, invalidPort];
