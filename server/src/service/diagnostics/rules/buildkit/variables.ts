/** BuildKit's checks on variables: undefined references and secrets passed as ARG or ENV. */
import type { Position } from 'vscode-languageserver-types';
import { getInstruction } from '../../../data';
import { expandedVariableRefs, type DockerfileModel, type InstructionModel, type VariableRefModel } from '../../../model';
import type { Rule, RuleContext } from '../../types';
import { baseEnvNames } from './baseEnv';
import { closest, excerpt, quoted } from '../../ruleKit';
import { defineRule } from '../../defineRule';

/** Instructions whose words the builder expands itself (data/); FROM is UndefinedArgInFrom's. */
const expanded = (keyword: string): boolean => keyword !== 'FROM' && getInstruction(keyword)?.expandsVariables === true;

/** `$NAME` or `${NAME}`; other `${...}` shapes are template syntax or refused by the builder anyway. */
const PLAIN_REF = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})$/;

const WINDOWS_IMAGE = /(^|\/)(windows|nanoserver|servercore)([/:-]|$)/i;

/**
 * Names the stage defines before the instruction, through its `FROM <stage>` chain (ARGs and
 * ENVs carry over into child stages; global ARGs do not until re-declared); `byStage` caches
 * the chains.
 */
function visibleNames(model: DockerfileModel, at: InstructionModel, byStage: Map<number, { name: string; line: number }[]>): string[] {
  let defs = byStage.get(at.stageIndex);
  if (!defs) {
    const chain = new Set<number>();
    for (let index: number | null = at.stageIndex; index !== null && index >= 0 && !chain.has(index); index = model.stages[index].parentStage) {
      chain.add(index);
    }
    defs = model.definitions
      .filter((d) => chain.has(d.stageIndex) && d.instruction !== null)
      .map((d) => ({ name: d.name, line: d.instruction!.range.start.line }));
    byStage.set(at.stageIndex, defs);
  }
  return defs.filter((d) => d.line < at.range.start.line).map((d) => d.name);
}

// Windows environments use mixed-case names (ProgramFiles, windir), so the case hint is off there.
function isWindows(model: DockerfileModel): boolean {
  return model.escapeChar === '`' || model.stages.some((s) => s.image !== null && WINDOWS_IMAGE.test(s.image.repository));
}

const definitionCache = new WeakMap<DockerfileModel, Map<number, { name: string; line: number }[]>>();

/** The per-model cache of `visibleNames`' stage chains. */
function stageDefinitions(model: DockerfileModel): Map<number, { name: string; line: number }[]> {
  let byStage = definitionCache.get(model);
  if (!byStage) definitionCache.set(model, (byStage = new Map()));
  return byStage;
}

/** Candidate names compared per instruction in "did you mean" searches, at most. */
const SUGGESTION_BUDGET = 200_000;

/** Where each name's first `NAME=value` pair of the ENV or ARG ends (one pass over its pairs). */
function pairEnds(instruction: InstructionModel): Map<string, Position> {
  const ends = new Map<string, Position>();
  for (const p of instruction.properties) if (p.valueRange !== null && !ends.has(p.name)) ends.set(p.name, p.range.end);
  return ends;
}

function comesBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/**
 * Everything UndefinedVar's answer for one instruction depends on besides the instruction, per
 * stage: the definitions (kind, name, line) of the stage and its ancestors, those stages'
 * parents and start lines, the base image's environment, and whether the file is for Windows.
 * An edit in one stage re-checks that stage and the stages built FROM it; typing elsewhere
 * re-checks only the edited instruction.
 */
function variableLayout(model: DockerfileModel, context: Pick<RuleContext, 'imageEnv'>): (instruction: InstructionModel) => string {
  const windows = String(isWindows(model));
  const defsOf = new Map<number, string[]>();
  for (const d of model.definitions) {
    const list = defsOf.get(d.stageIndex) ?? [];
    list.push(`${d.kind}:${d.name}@${d.instruction?.range.start.line ?? -1}`);
    defsOf.set(d.stageIndex, list);
  }
  const byStage = new Map<number, string>();
  const signature = (index: number): string => {
    let key = byStage.get(index);
    if (key !== undefined) return key;
    const base = baseEnvNames(model, model.stages[index], context.imageEnv);
    const parts = [windows, base === null ? '?' : base.join(',')];
    const seen = new Set<number>();
    for (let at: number | null = index; at !== null && at >= 0 && !seen.has(at); at = model.stages[at].parentStage) {
      seen.add(at);
      const stage = model.stages[at];
      parts.push(`${at}<${stage.parentStage}:${stage.from.range.start.line}|${(defsOf.get(at) ?? []).join(',')}`);
    }
    byStage.set(index, (key = parts.join(';')));
    return key;
  };
  return (instruction) => (instruction.stageIndex < 0 ? '' : signature(instruction.stageIndex));
}

export const undefinedVar: Rule = defineRule({
  id: 'UndefinedVar',
  title: 'Variables should be defined before their use',
  severity: 'warning',
  buildkit: { slug: 'undefined-var' },
  docs: {
    catches: 'A `$VAR` in an instruction the builder expands (ENV, ARG, LABEL, COPY, ADD, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL) that no ARG or ENV of the stage, and nothing in the base image\'s environment, defines at that point. The guarded forms `${VAR:-default}`, `${VAR:+alt}` and `${VAR:?msg}` count too, as BuildKit counts them.',
    why: 'An undefined variable expands to an empty string, so `COPY $SRC .` quietly copies the whole context; usually it is a typo, an ARG declared in another stage, or a global ARG the stage never re-declared.',
    bad: 'FROM alpine\nARG VERSION=1.0\nENV APP_VERSION=$VERSOIN',
    good: 'FROM alpine\nARG VERSION=1.0\nENV APP_VERSION=$VERSION',
    notes: [
      'BuildKit reads the base image\'s environment from its config. We take it from the local engine when the editor can ask it, else from a table of the common official images (`python`, `node`, `golang`, `eclipse-temurin`, ...: PATH, LANG, PYTHON_VERSION, JAVA_HOME and the like). For an image neither knows we guess: in such a stage only names that look like a typo of a defined one, or that contain lower-case letters (image environments use upper-case names), are reported.',
      'All names of one `ENV` or `ARG` are expanded with what was defined before the instruction, so `ENV A=1 B=$A` reports `$A` (on any base image: the name was clearly meant to be the one just set). A finding on a later line of a multi-line instruction is shown on its first line, where BuildKit puts it. Quoted heredoc bodies (`COPY <<"EOF"`) are not expanded and not checked; RUN is not checked: the shell expands it.',
    ].join('\n\n'),
  },
  instructionContextKey: variableLayout,
  checkInstruction(instruction, { model, report, imageEnv }) {
    if (instruction.stageIndex < 0 || !expanded(instruction.keyword)) return;
    const stage = model.stages[instruction.stageIndex];
    let base: readonly string[] | null | undefined;
    let ends: Map<string, Position> | undefined;
    let visible: string[] | undefined;
    let visibleSet: Set<string> | undefined;
    let budget = SUGGESTION_BUDGET;
    // A name an earlier pair of this same ENV or ARG sets (not visible yet: all pairs expand first).
    const setEarlier = (ref: VariableRefModel) => {
      const end = (ends ??= pairEnds(instruction)).get(ref.name);
      return end !== undefined && comesBefore(end, ref.range.start);
    };
    const firstLine = instruction.range.start.line;
    for (const ref of expandedVariableRefs(model, instruction)) {
      if (!ref.modifier && !PLAIN_REF.test(model.textAt(ref.range))) continue;
      const resolution = model.resolveVariable(ref.name, instruction);
      if (resolution.definition || resolution.predefined) continue;
      // ARGs and ENVs of parent stages carry over into `FROM <stage>` children; the same for every
      // reference of the instruction, so read once.
      visible ??= visibleNames(model, instruction, stageDefinitions(model));
      visibleSet ??= new Set(visible);
      if (visibleSet.has(ref.name)) continue;
      if (base === undefined) base = baseEnvNames(model, stage, imageEnv);
      if (base?.includes(ref.name) || ref.name === 'PATH') continue;
      const candidates = base ? [...visible, ...base] : visible;
      // Each search compares with every candidate: a budget keeps a hostile instruction (thousands
      // of undefined names among thousands of definitions) linear; past it, no suggestion.
      const suggestion = candidates.length <= budget ? closest(ref.name, candidates, true) : undefined;
      budget -= candidates.length;
      // An image nobody knows: its environment uses upper-case names, so a lower-case one is ours
      // or a typo; and a name an earlier pair of this same ENV or ARG sets was meant to be that one.
      if (base === null && !suggestion && !setEarlier(ref) && (ref.name === ref.name.toUpperCase() || isWindows(model))) continue;
      const onFirstLine = ref.range.start.line === firstLine;
      const where = onFirstLine ? '' : ` (line ${ref.range.start.line + 1})`;
      report(onFirstLine ? ref.range : instruction.keywordRange, `${quoted(`$${ref.name}`)}${where} is not defined at this point${suggestion ? ` (did you mean $${excerpt(suggestion)}?)` : ''}`, {
        data: suggestion ? { suggestion } : undefined,
      });
    }
  },
});

// BuildKit's word list: a token counts when it is a whole `_`-separated part of the name.
const SECRET = /(?:^|_)(?:apikey|credentials?|key|password|pword|passwd|secret|token)(?:_|$)|(?:^|_)auth$/i;
const NOT_SECRET = /(?:^|_)(?:public|file)(?:_|$)/i;

/** True when an ARG or ENV name looks like it carries a secret. */
export function isSecretName(name: string): boolean {
  return SECRET.test(name) && !NOT_SECRET.test(name);
}

export const secretsUsedInArgOrEnv: Rule = defineRule({
  id: 'SecretsUsedInArgOrEnv',
  title: 'Sensitive data should not be passed in ARG or ENV',
  severity: 'warning',
  buildkit: { slug: 'secrets-used-in-arg-or-env' },
  docs: {
    catches: 'An `ARG` or `ENV` whose name looks like a secret: a `_`-separated part such as `password`, `token`, `secret`, `key`, `apikey` or `credentials` (names with `public` or `file` parts are left alone).',
    why: 'ARG and ENV values are stored in the image config and history, where anyone with the image can read them. Secret mounts keep them out of the image.',
    bad: 'FROM alpine\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc',
    good: 'FROM alpine\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > ~/.npmrc',
    notes: 'We follow current BuildKit here, on purpose newer than the BuildKit 0.25 in Docker 28: `auth` counts only as the last part of a name (`GITHUB_AUTH`, not `DOCKER_AUTH_VERSION`), and a `file` part (`DB_PASSWORD_FILE`) names a file holding the secret, not the secret itself. BuildKit 0.25 (`docker build --check` on Docker 28) still reports both; a Dockerfile with `# syntax=docker/dockerfile:1` gets the newer checks.',
  },
  checkInstruction(instruction, { report }) {
    if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') return;
    for (const property of instruction.properties) {
      if (isSecretName(property.name)) {
        report(property.nameRange, `${instruction.keyword} ${quoted(property.name)} looks like a secret, and ${instruction.keyword} values stay readable in the image; use a secret mount`);
      }
    }
  },
});

/** The rules of this file, in run order. */
export const VARIABLE_CHECKS: Rule[] = [undefinedVar, secretsUsedInArgOrEnv];
