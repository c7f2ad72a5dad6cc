/** BuildKit's checks on variables: undefined references and secrets passed as ARG or ENV. */
import { getInstruction } from '../../../data';
import type { DockerfileModel, InstructionModel, StageModel } from '../../../model';
import type { Rule } from '../../types';
import { closest, excerpt, quoted } from '../../ruleKit';
import { defineRule } from '../../defineRule';

/** Instructions whose words the builder expands itself (data/); FROM is UndefinedArgInFrom's. */
const expanded = (keyword: string): boolean => keyword !== 'FROM' && getInstruction(keyword)?.expandsVariables === true;

/** Modifiers that make an unset variable harmless (`${X:-default}`, `${X:+alt}`, `${X:?msg}`). */
const GUARDED = new Set(['-', ':-', '+', ':+', '?', ':?']);

/** `$NAME` or `${NAME}`; other `${...}` shapes are template syntax or refused by the builder anyway. */
const PLAIN_REF = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})$/;

const WINDOWS_IMAGE = /(^|\/)(windows|nanoserver|servercore)([/:-]|$)/i;

/** True when the stage, through its parent stages, starts from `scratch` (so no image ENV exists). */
function fromScratch(model: DockerfileModel, stage: StageModel): boolean {
  let current: StageModel | undefined = stage;
  for (let hops = 0; current && hops <= model.stages.length; hops++) {
    if (current.parentStage === null) return current.resolvedBase.toLowerCase() === 'scratch';
    current = model.stages[current.parentStage];
  }
  return false;
}

/** Names defined before the instruction in its stage chain or globally; `byStage` caches the chains. */
function visibleNames(model: DockerfileModel, at: InstructionModel, byStage: Map<number, { name: string; line: number }[]>): string[] {
  let defs = byStage.get(at.stageIndex);
  if (!defs) {
    const chain = new Set<number>([-1]);
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

/**
 * Everything UndefinedVar's answer for one instruction depends on besides the instruction, per
 * stage: the definitions (kind, name, line) of the stage, its ancestors and the global scope,
 * those stages' parents, start lines and scratch bases, and whether the file is for Windows.
 * An edit in one stage re-checks that stage and the stages built FROM it; typing elsewhere
 * re-checks only the edited instruction.
 */
function variableLayout(model: DockerfileModel): (instruction: InstructionModel) => string {
  const windows = String(isWindows(model));
  const defsOf = new Map<number, string[]>();
  for (const d of model.definitions) {
    const list = defsOf.get(d.stageIndex) ?? [];
    list.push(`${d.kind}:${d.name}@${d.instruction?.range.start.line ?? -1}`);
    defsOf.set(d.stageIndex, list);
  }
  const global = (defsOf.get(-1) ?? []).join(',');
  const byStage = new Map<number, string>();
  const signature = (index: number): string => {
    let key = byStage.get(index);
    if (key !== undefined) return key;
    const parts = [windows, global];
    const seen = new Set<number>();
    for (let at: number | null = index; at !== null && at >= 0 && !seen.has(at); at = model.stages[at].parentStage) {
      seen.add(at);
      const stage = model.stages[at];
      parts.push(`${at}<${stage.parentStage}:${stage.from.range.start.line}:${fromScratch(model, stage)}|${(defsOf.get(at) ?? []).join(',')}`);
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
    catches: 'A `$VAR` in an instruction the builder expands (ENV, ARG, LABEL, COPY, ADD, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL) that no ARG or ENV defines at that point.',
    why: 'An undefined variable expands to an empty string, so `COPY $SRC .` quietly copies the whole context; usually it is a typo or an ARG declared in another stage.',
    bad: 'FROM alpine\nARG VERSION=1.0\nENV APP_VERSION=$VERSOIN',
    good: 'FROM alpine\nARG VERSION=1.0\nENV APP_VERSION=$VERSION',
    notes: 'BuildKit knows the base image\'s environment (PATH, JAVA_HOME, ...); we do not pull images, so in a stage built on an image we only report names that look like a typo of a defined one, or that contain lower-case letters (image environments use upper-case names). `${X:-default}` and the other guarded forms are never reported. RUN is not checked: the shell expands it.',
  },
  instructionContextKey: variableLayout,
  checkInstruction(instruction, { model, report }) {
    if (instruction.stageIndex < 0 || !expanded(instruction.keyword)) return;
    const stage = model.stages[instruction.stageIndex];
    for (const ref of instruction.variables) {
      if (ref.modifier ? GUARDED.has(ref.modifier) : !PLAIN_REF.test(model.textAt(ref.range))) continue;
      const resolution = model.resolveVariable(ref.name, instruction);
      if (resolution.definition || resolution.predefined) continue;
      // ARGs and ENVs of parent stages carry over into `FROM <stage>` children.
      const visible = visibleNames(model, instruction, stageDefinitions(model));
      if (visible.includes(ref.name)) continue;
      const suggestion = closest(ref.name, visible, true);
      // Image environments use upper-case names; a lower-case one is ours or a typo.
      if (!fromScratch(model, stage) && !suggestion && (ref.name === ref.name.toUpperCase() || isWindows(model))) continue;
      report(ref.range, `${quoted(`$${ref.name}`)} is not defined at this point${suggestion ? ` (did you mean $${excerpt(suggestion)}?)` : ''}`, {
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
    notes: 'Like BuildKit, `auth` counts only as the last part of a name (`GITHUB_AUTH`, not `AUTH_MODULE_VERSION`).',
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
