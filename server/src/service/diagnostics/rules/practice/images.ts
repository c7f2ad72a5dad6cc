/** Practices about images and file instructions: base image tags, ADD vs COPY, USER, COPY destinations. */
import { ADD_KEEPS_ARCHIVE_SUFFIXES, ADD_UNPACKS_SUFFIXES, archiveSuffix, getFlag, getInstruction } from '../../../data';
import { instructionStageRefs, type DockerfileModel, type InstructionModel, type StageModel } from '../../../model';
import type { Rule } from '../../types';
import { defineRule } from '../../defineRule';
import { quoted } from '../../ruleKit';
import { withFix } from './define';
import { stageChain } from './scripts';

/** The instructions of a kind, ONBUILD triggers included. */
const byKeyword = new WeakMap<DockerfileModel, Map<string, InstructionModel[]>>();

/** The instructions (ONBUILD triggers included) with a keyword, grouped once per model. */
function instructionsOf(model: DockerfileModel, keyword: string): InstructionModel[] {
  let groups = byKeyword.get(model);
  if (!groups) {
    groups = new Map();
    for (const instruction of model.instructions) {
      const target = instruction.trigger ?? instruction;
      const list = groups.get(target.keyword);
      if (list) list.push(target);
      else groups.set(target.keyword, [target]);
    }
    byKeyword.set(model, groups);
  }
  return groups.get(keyword) ?? [];
}

/** The stage's base image when it is an image (not scratch, not a stage) whose text is fully known. */
function baseImage(model: DockerfileModel, stage: StageModel): StageModel['image'] {
  if (stage.parentStage !== null || !stage.image || stage.image.hasVariables || stage.resolvedBase.includes('$')) return null;
  if (stage.baseText.includes('$') && !knownVariables(model, stage.from, stage.baseText)) return null;
  if (stage.resolvedBase.toLowerCase() === 'scratch') return null;
  return stage.image;
}

export const baseImageUntagged: Rule = defineRule({
  id: 'base-image-untagged',
  title: 'Base image without a tag',
  severity: 'warning',
  hadolint: ['DL3006'],
  docs: {
    catches: 'A `FROM` image with neither a tag nor a digest.',
    why: 'A FROM without a tag or digest means `latest`: whatever the publisher pushed last. The image can change under you between two builds, with a new major version included.',
    bad: 'FROM debian',
    good: 'FROM debian:bookworm-slim',
    notes: 'Deliberate differences from hadolint: ARG defaults are resolved first: `ARG BASE=debian:12` then `FROM ${BASE}` is tagged; a base that depends on an ARG without a default is not judged.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const image = baseImage(model, stage);
      if (image && !image.tag && !image.digest) {
        report(stage.baseRange ?? stage.from.range, `Tag the base image (e.g. ${quoted(`${image.text}:<version>`, '`')}): without a tag it is \`latest\`, whatever was pushed last.`);
      }
    }
  },
});

// Rolling-release distributions publish little or nothing but `latest`.
const ROLLING = new Set(['archlinux', 'archlinux/archlinux', 'kalilinux/kali-rolling', 'opensuse/tumbleweed', 'clearlinux', 'parrotsec/core', 'gentoo/stage3']);

export const baseImageLatest: Rule = defineRule({
  id: 'base-image-latest',
  title: 'Base image tagged latest',
  severity: 'warning',
  hadolint: ['DL3007'],
  docs: {
    catches: 'A `FROM` image tagged `latest`.',
    why: '`latest` moves with every release of the base image, so the same Dockerfile builds different images over time. Name a release tag (and, for full repeatability, a digest).',
    bad: 'FROM node:latest',
    good: 'FROM node:20-bookworm-slim',
    notes: 'Deliberate differences from hadolint: a digest pins the image whatever the tag says, so `image:latest@sha256:...` is not reported; rolling-release distributions that publish only `latest` (archlinux, kalilinux/kali-rolling, opensuse/tumbleweed ...) are not reported; ARG defaults are resolved first.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const image = baseImage(model, stage);
      if (image?.tag === 'latest' && !image.digest && !ROLLING.has(image.repository.replace(/^library\//, ''))) {
        report(stage.baseRange ?? stage.from.range, 'Pin a release tag instead of `latest`: it changes whenever the base image is released.');
      }
    }
  },
});

/** Flags ADD has and COPY lacks (`--checksum`, `--keep-git-dir`, `--unpack`): with one, ADD cannot become COPY. */
const ADD_ONLY_FLAGS = new Set(getInstruction('ADD')!.flags.filter((f) => !getFlag('COPY', f.name)).map((f) => f.name));

/** True when every variable in the text has a known value (so expanding it is meaningful). */
function knownVariables(model: DockerfileModel, at: InstructionModel, text: string): boolean {
  if (!text.includes('$')) return false;
  return [...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].every((m) => model.resolveVariable(m[1], at).value !== null);
}

/** The sources and destination of a COPY or ADD as values (exec form decoded, quotes removed). */
function sourcesAndDest(model: DockerfileModel, instruction: InstructionModel): { sources: string[]; dest: string } | null {
  // Raw text: the model's values have escapes applied, which would eat `c:\dir`'s backslash.
  const words = instruction.form === 'exec' ? instruction.execArgs ?? [] : instruction.args.map((a) => model.textAt(a.range));
  if (words.length < 2) return null;
  const values = words.map((w) => (knownVariables(model, instruction, w) ? model.expand(w, instruction) : w).replace(/^(["'])(.*)\1$/, '$2'));
  return { sources: values.slice(0, -1), dest: values[values.length - 1] };
}

export const useCopy: Rule = defineRule({
  id: 'add-instead-of-copy',
  title: 'ADD where COPY serves',
  severity: 'info',
  hadolint: ['DL3020'],
  docs: {
    catches: '`ADD` of local files or folders that are not archives, where `COPY` does the same.',
    why: 'ADD does more than copy: it unpacks local archives and fetches URLs and Git repositories. For plain files and folders COPY says what happens, and a file that turns into an archive later will not be unpacked by surprise.',
    bad: 'ADD requirements.txt /app/',
    good: 'COPY requirements.txt /app/',
    notes: 'Deliberate differences from hadolint: ADD with a flag only ADD has (`--checksum`, `--keep-git-dir`, `--unpack`) or with a source whose variables are unknown is not reported; the default severity is info, as nothing breaks. The builder unpacks only tar archives (plain, gzip, bzip2, xz, and zstd in recent engines), so `ADD` of a `.zip`, `.7z`, `.lz`, `.lzma` or `.Z` file is reported: it copies the file as it is. hadolint leaves `.lz`, `.lzma` and `.Z` names alone.',
  },
  check({ model, report }) {
    for (const add of instructionsOf(model, 'ADD')) {
      if (add.flags.some((f) => ADD_ONLY_FLAGS.has(f.name.toLowerCase()))) continue;
      const parts = sourcesAndDest(model, add);
      if (!parts) continue;
      const special = parts.sources.some((s) => s.includes('$') || s.includes('://') || s.startsWith('git@') || archiveSuffix(s, ADD_UNPACKS_SUFFIXES) !== null);
      if (special) continue;
      const copy = add.keywordText === add.keywordText.toLowerCase() ? 'copy' : 'COPY';
      const kept = parts.sources.map((s) => archiveSuffix(s, ADD_KEEPS_ARCHIVE_SUFFIXES)).find((s) => s !== null);
      const message = kept
        ? `Use COPY: ADD does not unpack a ${kept} file (only tar archives, plain or gzip, bzip2, xz or zstd compressed), so it copies it as it is.`
        : 'Use COPY for local files and folders: ADD also unpacks archives and fetches URLs.';
      report(add.keywordRange, message, withFix('Use COPY', [{ range: add.keywordRange, newText: copy }]));
    }
  },
});

/** The user name or id of a USER instruction, variables resolved. */
function userOf(model: DockerfileModel, user: InstructionModel): string {
  const text = user.args[0]?.value ?? '';
  return (text.includes('$') ? model.expand(text, user) : text).split(':')[0];
}

export const lastUserRoot: Rule = defineRule({
  id: 'last-user-root',
  title: 'The image runs as root',
  severity: 'warning',
  hadolint: ['DL3002'],
  docs: {
    catches: 'A final stage whose last `USER` is root.',
    why: 'The last USER of the final stage is the user containers run as. Switching to root for setup is fine; leaving it there means every process in the container has root rights it rarely needs.',
    bad: 'FROM debian:12\nUSER root\nRUN apt-get update\n',
    good: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER app',
    notes: 'Deliberate differences from hadolint: like hadolint, only an explicit `USER root` (or 0) is reported, not an image that never sets USER; a base stage\'s USER carries into the stages built on it.',
  },
  check({ model, report }) {
    const last = model.stages[model.stages.length - 1];
    const users = last ? stageChain(model, last).flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'USER').reverse()) : [...instructionsOf(model, 'USER')].reverse();
    const user = users[0];
    if (user && (userOf(model, user) === 'root' || userOf(model, user) === '0')) {
      report(user.range, 'The image ends as root: switch to an unprivileged USER after the steps that need root.');
    }
  },
});

/** True for an absolute destination, Windows paths included. */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:([\\/]|$)/.test(path) || path.startsWith('\\');
}

const workdirAt = new WeakMap<InstructionModel[], number>();

/**
 * The offset of the first WORKDIR (or ONBUILD WORKDIR) in a list of instructions (Infinity:
 * none), found once per list: scanning the stage for each COPY made 30,000 COPYs take seconds.
 */
function firstWorkdir(model: DockerfileModel, instructions: InstructionModel[]): number {
  let at = workdirAt.get(instructions);
  if (at === undefined) {
    const found = instructions.find((i) => i.keyword === 'WORKDIR' || i.trigger?.keyword === 'WORKDIR');
    at = found ? model.offsetAt(found.range.start) : Infinity;
    workdirAt.set(instructions, at);
  }
  return at;
}

export const relativeCopyDest: Rule = defineRule({
  id: 'copy-relative-destination',
  title: 'COPY to a relative destination without WORKDIR',
  severity: 'warning',
  hadolint: ['DL3045'],
  docs: {
    catches: 'A `COPY` or `ADD` to a relative destination in a stage that has set no `WORKDIR`.',
    why: 'A relative COPY destination is resolved against the working directory, which, without a WORKDIR in this Dockerfile, is whatever the base image chose (often `/`). Set WORKDIR first, or use an absolute path.',
    bad: 'FROM node:20\nCOPY . .',
    good: 'FROM node:20\nWORKDIR /app\nCOPY . .',
    notes: 'Deliberate differences from hadolint: a WORKDIR in a stage this one is built FROM (directly or through other stages) counts; destinations with unresolved variables are not judged.',
  },
  check({ model, report }) {
    for (const copy of instructionsOf(model, 'COPY')) {
      const parts = sourcesAndDest(model, copy);
      if (!parts || parts.dest.includes('$') || isAbsolute(parts.dest)) continue;
      const stage = copy.stageIndex >= 0 ? model.stages[copy.stageIndex] : undefined;
      const own = stage ? stage.instructions : model.instructions;
      const copyAt = model.offsetAt((copy.parent ?? copy).range.start);
      if (firstWorkdir(model, own) < copyAt) continue;
      if (stageChain(model, stage).slice(1).some((s) => firstWorkdir(model, s.instructions) !== Infinity)) continue;
      report(copy.range, `${quoted(parts.dest, '`')} is relative to the base image's working directory: set WORKDIR first or use an absolute path.`);
    }
  },
});

export const copyWholeStage: Rule = defineRule({
  id: 'copy-whole-stage',
  title: 'COPY --from of a whole filesystem',
  severity: 'warning',
  hadolint: ['DL3067'],
  docs: {
    catches: '`COPY --from=<stage> / /`: the whole filesystem of another stage.',
    why: '`COPY --from=build / /` copies everything from the other stage, its package manager, caches and build tools included, which defeats the point of a multi-stage build. Copy the artifacts you need.',
    bad: 'COPY --from=build / /',
    good: 'COPY --from=build /app/bin/server /usr/local/bin/server',
    notes: 'Deliberate differences from hadolint: a stage built FROM scratch is a deliberately assembled root filesystem, and an image with a namespace (`--from=tonistiigi/xx`) is usually a bundle made to be copied whole, so neither is reported.',
  },
  check({ model, report }) {
    for (const copy of instructionsOf(model, 'COPY')) {
      const from = copy.flags.find((f) => f.name.toLowerCase() === 'from')?.value;
      const parts = from ? sourcesAndDest(model, copy) : null;
      if (!from || !parts || parts.sources.length !== 1 || parts.sources[0] !== '/' || parts.dest !== '/') continue;
      const source = instructionStageRefs(model, copy).find((r) => r.via === 'copy')?.stage ?? undefined;
      const chain = stageChain(model, source);
      if (source && chain[chain.length - 1].resolvedBase.toLowerCase() === 'scratch') continue;
      // An image with a namespace copied whole (`tonistiigi/xx`) is a purpose-built bundle.
      if (!source && from.includes('/')) continue;
      report(copy.range, `This copies the whole filesystem of ${quoted(from, '`')}: copy only the files the image needs.`);
    }
  },
});

export const IMAGE_RULES: Rule[] = [baseImageUntagged, baseImageLatest, useCopy, lastUserRoot, relativeCopyDest, copyWholeStage];
