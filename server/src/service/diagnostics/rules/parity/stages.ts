/**
 * Builder parity for stages and image references: stage names, `COPY --from` / mount
 * `from=` targets, and base images that are not valid references.
 */
import { REFERENCE } from '../../../data';
import { instructionStageRefs, type DockerfileModel, type InstructionModel, type StageRef } from '../../../model';
import type { Rule } from '../../types';
import { defineRule } from '../../defineRule';
import { withoutTag } from '../../../text';
import { excerpt, quoted } from '../../ruleKit';

const ref = (anchor: string) => `${REFERENCE}#${anchor}`;

// Docker's reference grammar (distribution/reference), written out once.
const ALNUM = '[a-z0-9]+';
const PATH_COMPONENT = `${ALNUM}(?:(?:[._]|__|-+)${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** True when the text is a valid image reference (`name[:tag][@digest]`). */
export function isValidImageReference(text: string): boolean {
  if (text.length === 0 || text.length > 512) return false;
  const name = text.split('@')[0].replace(/:[\w][\w.-]*$/, '');
  return name.length <= 255 && REFERENCE_RE.test(text);
}

/** A short reason why a reference is invalid. */
function referenceProblem(text: string): string {
  if (/\s/.test(text)) return 'it contains whitespace';
  const name = text.split('@')[0];
  const slash = name.indexOf('/');
  const repo = slash >= 0 && /[.:]|^localhost$/.test(name.slice(0, slash)) ? name.slice(slash + 1) : name;
  if (/[A-Z]/.test(withoutTag(repo))) return 'repository names must be lowercase';
  return 'it does not match name[:tag][@digest]';
}

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

export const invalidStageName: Rule = defineRule({
  id: 'invalid-stage-name',
  title: 'Invalid stage name',
  severity: 'error',
  url: ref('from'),
  docs: {
    catches: 'A stage name (`FROM ... AS <name>`) that does not start with a letter or contains characters other than letters, digits, `-`, `_` and `.`.',
    why: 'The builder refuses the file. Stage names are compared without case, so `Build` and `build` are the same name.',
    bad: 'FROM golang AS 1st-build',
    good: 'FROM golang AS first-build',
    buildOutput: 'dockerfile parse error on line 1: invalid name for build stage: "1st-build", name can\'t start with a number or contain symbols',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (stage.name === null || !stage.nameRange || stage.name.includes('$')) continue;
      if (!STAGE_NAME.test(stage.name.toLowerCase())) {
        report(stage.nameRange, `${quoted(stage.name)} is not a valid stage name: start with a letter, then letters, digits, "-", "_" or "."`);
      }
    }
  },
});

/** The `--from` of COPY and the `from=` of RUN mounts without variables, with the stage each names (the reference index). */
function fromRefs(model: DockerfileModel, instruction: InstructionModel): StageRef[] {
  return instructionStageRefs(model, instruction).filter((r) => !r.value.includes('$'));
}

/** Stage names and where each starts: what `stageByRef` and an instruction's stage depend on. */
function stageLayout(model: DockerfileModel): string {
  return model.stages.map((s) => `${s.name ?? ''}@${s.from.range.start.line}`).join(',');
}

export const copyFromOwnStage: Rule = defineRule({
  id: 'copy-from-own-stage',
  title: 'COPY --from its own stage',
  severity: 'error',
  url: ref('copy---from'),
  docs: {
    catches: '`COPY --from=<stage>` (or a mount `from=<stage>`) naming the stage it is in.',
    why: 'A stage cannot read its own result while it is being built; the builder reports a circular dependency.',
    bad: 'FROM alpine AS app\nCOPY --from=app /etc/os-release /',
    good: 'FROM alpine AS base\nFROM alpine AS app\nCOPY --from=base /etc/os-release /',
    buildOutput: 'circular dependency detected on stage: app',
  },
  contextKey: stageLayout,
  checkInstruction(instruction, { model, report }) {
    if (instruction.stageIndex < 0) return;
    for (const { value, range, stage } of fromRefs(model, instruction)) {
      if (stage?.index === instruction.stageIndex) report(range, `${quoted(value)} is the stage this instruction is in`);
    }
  },
});

export const copyFromUndefinedStage: Rule = defineRule({
  id: 'copy-from-undefined-stage',
  title: 'COPY --from an undefined stage',
  severity: 'error',
  url: ref('copy---from'),
  docs: {
    catches: '`COPY --from` (or a mount `from=`) whose value is neither a stage of this file nor something that could be an image: a stage index past the last stage, or a name that is not a valid image reference (for example one with capitals that matches no stage).',
    why: 'The builder either refuses the reference or tries to pull an image that cannot exist.',
    bad: 'FROM golang AS build\nFROM alpine\nCOPY --from=2 /out/app /app',
    good: 'FROM golang AS build\nFROM alpine\nCOPY --from=build /out/app /app',
    buildOutput: 'failed to resolve source metadata for docker.io/library/2:latest',
    notes: 'A lowercase name that matches no stage is read as an image (`COPY --from=nginx:alpine ...`), so it is not reported.',
  },
  contextKey: stageLayout,
  checkInstruction(instruction, { model, report }) {
    if (instruction.stageIndex < 0) return;
    for (const { value, range, stage } of fromRefs(model, instruction)) {
      if (stage) continue;
      if (/^\d+$/.test(value)) report(range, `There is no stage ${excerpt(value)}: stages are numbered 0 to ${model.stages.length - 1}`);
      else if (!isValidImageReference(value)) report(range, `${quoted(value)} is not a stage of this file nor a valid image reference`);
    }
  },
});

export const invalidImageReference: Rule = defineRule({
  id: 'invalid-image-reference',
  title: 'Invalid image reference',
  severity: 'error',
  url: ref('from'),
  docs: {
    catches: 'A base image in `FROM` that is not a valid reference: capitals in the repository, spaces, a bad tag or digest.',
    why: 'The builder cannot parse the reference and stops before pulling anything.',
    bad: 'FROM Ubuntu:22.04',
    good: 'FROM ubuntu:22.04',
    buildOutput: 'failed to parse stage name "Ubuntu:22.04": invalid reference format: repository name must be lowercase',
    notes: 'Bases with variables are checked by InvalidDefaultArgInFrom instead, with their defaults filled in. A template placeholder such as `FROM REPLACE-ME` is reported too: BuildKit refuses it until the template is filled in.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (!stage.baseRange || stage.parentStage !== null || stage.baseText.includes('$')) continue;
      const base = stage.baseText;
      if (base.toLowerCase() === 'scratch' || isValidImageReference(base)) continue;
      report(stage.baseRange, `${quoted(base)} is not a valid image reference: ${referenceProblem(base)}`);
    }
  },
});

/** The rules of this file, in run order. */
export const STAGE_RULES: Rule[] = [invalidStageName, copyFromOwnStage, copyFromUndefinedStage, invalidImageReference];
