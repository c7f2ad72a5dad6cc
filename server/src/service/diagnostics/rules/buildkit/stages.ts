/** BuildKit's checks on stages and FROM: names, platforms, and the ARGs FROM may use. */
import type { Position, Range } from 'vscode-languageserver-types';
import { PREDEFINED_ARGS, automaticArg } from '../../../data';
import type { DockerfileModel, FlagModel, StageModel } from '../../../model';
import type { Rule, RuleFix } from '../../types';
import { closest, excerpt, quoted } from '../../ruleKit';
import { isValidImageReference } from '../parity/stages';
import { defineRule } from '../../defineRule';

export const duplicateStageName: Rule = defineRule({
  id: 'DuplicateStageName',
  title: 'Stage names should be unique',
  severity: 'warning',
  buildkit: { slug: 'duplicate-stage-name' },
  docs: {
    catches: 'Two stages with the same name (compared without case).',
    why: '`COPY --from`, `--target` and later `FROM`s can only mean one of them; renaming removes the doubt.',
    bad: 'FROM golang AS build\nFROM node AS build',
    good: 'FROM golang AS build-go\nFROM node AS build-web',
  },
  check({ model, report }) {
    const seen = new Set<string>();
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange) continue;
      const key = stage.name.toLowerCase();
      if (seen.has(key)) report(stage.nameRange, `Stage name ${quoted(stage.name)} is already used by an earlier stage`);
      seen.add(key);
    }
  },
});

const RESERVED = new Set(['scratch', 'context']);

export const reservedStageName: Rule = defineRule({
  id: 'ReservedStageName',
  title: 'Reserved words should not be used as stage names',
  severity: 'warning',
  buildkit: { slug: 'reserved-stage-name' },
  docs: {
    catches: 'A stage named `scratch` or `context`.',
    why: '`scratch` is the empty base image and `context` the build context; a stage with either name shadows them.',
    bad: 'FROM alpine AS scratch',
    good: 'FROM alpine AS base',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      if (stage.name && stage.nameRange && RESERVED.has(stage.name.toLowerCase())) {
        report(stage.nameRange, `${quoted(stage.name.toLowerCase())} is reserved and should not name a stage`);
      }
    }
  },
});

function platformFlag(stage: StageModel): FlagModel | undefined {
  return stage.from.flags.find((f) => f.name === 'platform');
}

export const redundantTargetPlatform: Rule = defineRule({
  id: 'RedundantTargetPlatform',
  title: 'Setting platform to $TARGETPLATFORM in FROM is redundant',
  severity: 'warning',
  buildkit: { slug: 'redundant-target-platform' },
  docs: {
    catches: '`FROM --platform=$TARGETPLATFORM ...`.',
    why: 'Stages are built for the target platform anyway; the flag adds noise and suggests something special is happening.',
    bad: 'FROM --platform=$TARGETPLATFORM alpine',
    good: 'FROM alpine',
    notes: 'The quick fix removes the flag.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const flag = platformFlag(stage);
      if (flag?.value === '$TARGETPLATFORM' || flag?.value === '${TARGETPLATFORM}') {
        report(flag.range, `--platform=${flag.value} is the default and can go`, { tags: [1], fixes: [removeFlag(model, flag.range)] });
      }
    }
  },
});

/** The fix of RedundantTargetPlatform: the flag and the blanks after it, removed. */
function removeFlag(model: DockerfileModel, range: Range): RuleFix {
  const end = range.end;
  const lineText = model.textAt({ start: end, end: { line: end.line, character: end.character + 200 } });
  const spaces = /^[ \t]*/.exec(lineText)?.[0].length ?? 0;
  const to: Position = { line: end.line, character: end.character + spaces };
  return { title: 'Remove --platform', edits: [{ range: { start: range.start, end: to }, newText: '' }], preferred: true };
}

export const fromPlatformFlagConstDisallowed: Rule = defineRule({
  id: 'FromPlatformFlagConstDisallowed',
  title: 'FROM --platform should not use a constant value',
  severity: 'warning',
  buildkit: { slug: 'from-platform-flag-const-disallowed' },
  docs: {
    catches: '`FROM --platform=linux/amd64 ...` with a fixed platform, unless the stage name says which platform it is for.',
    why: 'A fixed platform overrides `--platform` on the command line, so multi-platform builds silently build the same thing twice.',
    bad: 'FROM --platform=linux/amd64 alpine',
    good: 'FROM --platform=$BUILDPLATFORM alpine AS build\n# or, when the stage really is platform-specific:\nFROM --platform=linux/amd64 alpine AS build-amd64',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const flag = platformFlag(stage);
      if (!flag?.value || flag.value.includes('$')) continue;
      const [os, arch] = flag.value.toLowerCase().split('/');
      const name = stage.name?.toLowerCase() ?? '';
      if ((os && name.includes(os)) || (arch && name.includes(arch))) continue;
      report(flag.valueRange ?? flag.range, `--platform is fixed to ${quoted(flag.value)}; use a build argument such as $BUILDPLATFORM`);
    }
  },
});

const WINDOWS_IMAGE = /(^|\/)(windows|nanoserver|servercore)([/:-]|$)/i;

export const invalidBaseImagePlatform: Rule = defineRule({
  id: 'InvalidBaseImagePlatform',
  title: 'Base image platform does not match the expected target platform',
  severity: 'warning',
  buildkit: { slug: 'invalid-base-image-platform' },
  docs: {
    catches: 'A base image that cannot exist for the requested platform. Without a registry this is only known for Windows images (`nanoserver`, `servercore`, `windows/...`) requested with a fixed Linux `--platform`.',
    why: 'The builder pulls an image for another platform, so the build either fails or produces an image that cannot run.',
    bad: 'FROM --platform=linux/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022',
    good: 'FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022',
    notes: 'BuildKit compares the pulled image with the target platform; we see no registry, so the check covers only what the text alone proves.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const flag = platformFlag(stage);
      if (!flag?.value || flag.value.includes('$') || !stage.image || !stage.baseRange) continue;
      const os = flag.value.toLowerCase().split('/')[0];
      if (os === 'linux' && WINDOWS_IMAGE.test(stage.image.repository)) {
        report(stage.baseRange, `${quoted(stage.baseText)} is a Windows image, but --platform asks for ${quoted(flag.value)}`);
      }
    }
  },
});

/** Names FROM may use: global ARGs and the ARGs the builder sets in the global scope. */
function fromNames(globals: { name: string }[]): Set<string> {
  const names = new Set(globals.map((g) => g.name));
  for (const arg of PREDEFINED_ARGS) if (automaticArg(arg.name, 'global')) names.add(arg.name);
  return names;
}

export const undefinedArgInFrom: Rule = defineRule({
  id: 'UndefinedArgInFrom',
  title: 'FROM should only use declared ARGs',
  severity: 'warning',
  buildkit: { slug: 'undefined-arg-in-from' },
  docs: {
    catches: 'A variable in `FROM` (image or `--platform`) that no global `ARG` declares and that is not one of the builder\'s platform ARGs.',
    why: 'Only ARGs declared before the first FROM are visible there; anything else expands to an empty string, often a typo.',
    bad: 'FROM --platform=$BULIDPLATFORM golang',
    good: 'FROM --platform=$BUILDPLATFORM golang',
  },
  check({ model, report }) {
    if (model.stages.length === 0) return;
    const names = fromNames(model.globalArgs);
    for (const stage of model.stages) {
      for (const ref of stage.from.variables) {
        if (names.has(ref.name) || (stage.nameRange && ref.range.start.character >= stage.nameRange.start.character && ref.range.start.line === stage.nameRange.start.line)) continue;
        const suggestion = closest(ref.name, names, true);
        report(ref.range, `FROM uses ${quoted(ref.name)}, which no global ARG declares${suggestion ? ` (did you mean ${excerpt(suggestion)}?)` : ''}`);
      }
    }
  },
});

export const invalidDefaultArgInFrom: Rule = defineRule({
  id: 'InvalidDefaultArgInFrom',
  title: 'Default ARG values should give a valid base image',
  severity: 'warning',
  buildkit: { slug: 'invalid-default-arg-in-from' },
  docs: {
    catches: 'A `FROM` built from global ARGs whose defaults leave the image name empty or invalid (`ARG TAG` without a default, then `FROM alpine:$TAG`).',
    why: 'The build then works only when every `--build-arg` is passed; tools that read the Dockerfile alone (and builds without the arguments) fail.',
    bad: 'ARG TAG\nFROM alpine:$TAG',
    good: 'ARG TAG=3.20\nFROM alpine:$TAG',
  },
  contextKey: (model) =>
    [...model.globalArgs.map((g) => `${g.name}=${g.rawValue ?? ''}=${g.value ?? ''}`), ...model.stages.map((s) => `${s.name ?? ''}@${s.from.range.start.line}`)].join(','),
  checkInstruction(instruction, { model, report }) {
    const stage = model.stages[instruction.stageIndex];
    if (instruction.keyword !== 'FROM' || stage?.from !== instruction) return;
    if (!stage.baseRange || !stage.baseText.includes('$')) return;
    // The builder fills TARGETOS and the other platform ARGs itself, so their value is never empty.
    if (stage.from.variables.some((v) => automaticArg(v.name, 'global') && !model.globalArgs.some((g) => g.name === v.name))) return;
    const resolved = model.expand(stage.baseText, stage.from);
    // A base that names an earlier stage is that stage (BuildKit looks FROM up among earlier stages only).
    if (resolved.includes('$') || stage.parentStage !== null) return;
    if (resolved === '' || (resolved !== 'scratch' && !isValidImageReference(resolved))) {
      report(stage.baseRange, `With the ARG defaults, ${quoted(stage.baseText)} becomes ${resolved === '' ? 'an empty image name' : `${quoted(resolved)}, not a valid image name`}`);
    }
  },
});

/** The rules of this file, in run order. */
export const STAGE_CHECKS: Rule[] = [
  duplicateStageName,
  reservedStageName,
  redundantTargetPlatform,
  fromPlatformFlagConstDisallowed,
  invalidBaseImagePlatform,
  undefinedArgInFrom,
  invalidDefaultArgInFrom,
];
