/** Debian/Ubuntu package hygiene: apt-get's `-y`, recommends, pinning, lists cleanup, and apt in scripts. */
import type { DockerfileModel } from '../../../model';
import type { Rule } from '../../types';
import { defineRule } from '../../defineRule';
import { quoted } from '../../ruleKit';
import { insertAt, withFix } from './define';
import { hasOption, invocations, isLocalPath, runInvocations, type Invocation } from './packages';
import { allCommands, cacheMounted, isShippedStage, isTrigger, laterInRun, resolveWord, runCommands, usesBuildKit, type RunCommand } from './scripts';
import { trimTrailingSlashes } from '../../../text';

const APT = new Set(['apt-get', 'apt']);
const INSTALLS = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall', 'remove', 'purge', 'autoremove']);

function aptInstalls(invocation: Invocation): boolean {
  return APT.has(invocation.manager) && INSTALLS.has(invocation.subcommand);
}

/** A `-o Key=value` setting given on the command line, lower-cased. */
function aptSetting(invocation: Invocation, key: string): string | null {
  const options = invocation.options;
  for (let i = 0; i < options.length; i++) {
    const v = options[i].value;
    const setting = v === '-o' || v === '--option' ? options[i + 1]?.value : v.startsWith('-o') ? v.slice(2).replace(/^=/, '') : null;
    if (setting && setting.toLowerCase().startsWith(`${key.toLowerCase()}=`)) return setting.slice(key.length + 1).toLowerCase();
  }
  return null;
}

/**
 * apt-get's quiet level as its command line leaves it: each `-q` (also inside `-yq`) and
 * `--quiet` adds one; `-q=N`, `--quiet=N` and `-o quiet=N` set it.
 */
function quietLevel(invocation: Invocation): number {
  let level = 0;
  const options = invocation.options;
  for (let i = 0; i < options.length; i++) {
    const v = options[i].value;
    const set = /^(?:-q=?|--quiet=)(\d+)$/.exec(v);
    const setting = v === '-o' || v === '--option' ? options[i + 1]?.value : v.startsWith('-o') ? v.slice(2).replace(/^=/, '') : null;
    const configured = setting ? /^quiet=(\d+)$/i.exec(setting) : null;
    if (set) level = Number(set[1]);
    else if (configured) level = Number(configured[1]);
    else if (v === '--quiet') level++;
    else if (/^-[a-z]+$/i.test(v)) level += [...v].filter((c) => c === 'q').length;
  }
  return level;
}

/**
 * True when the call cannot stop at a prompt: `-y`, `--yes`, `--assume-yes`, the
 * `APT::Get::Assume-Yes` setting, or quiet level 2 (`-qq`, `-q=2`), which apt-get documents
 * as implying `-y`. One `-q` only trims the output.
 */
function answersYes(invocation: Invocation): boolean {
  if (hasOption(invocation, ['--yes', '--assume-yes', '--force-yes'], 'y')) return true;
  const assume = aptSetting(invocation, 'APT::Get::Assume-Yes');
  return quietLevel(invocation) >= 2 || assume === 'true' || assume === '1';
}

const assumeYes = new WeakMap<DockerfileModel, number>();

/** Offset of the first `Assume-Yes` in the file (-1 if none): an apt.conf line written by a RUN. */
function firstAssumeYes(model: DockerfileModel): number {
  let offset = assumeYes.get(model);
  if (offset === undefined) assumeYes.set(model, (offset = model.text.search(/Assume-Yes/i)));
  return offset;
}

export const aptGetYes: Rule = defineRule({
  id: 'apt-get-yes',
  title: 'apt-get install needs -y',
  severity: 'warning',
  hadolint: ['DL3014'],
  docs: {
    catches: '`apt-get` or `apt` installing, upgrading or removing packages without `-y` (or another switch that answers the prompt).',
    why: 'A build has no one to answer apt-get\'s "Do you want to continue?" prompt: without `-y` (or `-qq`) apt-get aborts as soon as it would install more than was named, and the build fails.',
    bad: 'RUN apt-get update && apt-get install curl',
    good: 'RUN apt-get update && apt-get install -y curl',
    notes: 'Deliberate differences from hadolint: quiet level 2 answers yes, as apt-get documents: `-qq`, `-q -q`, `-q=2`, `--quiet=2`, `-o quiet=2`; a single `-q` or `--quiet` does not. An earlier RUN that writes an `Assume-Yes` setting into the apt configuration satisfies the rule for the rest of the file.',
  },
  checkInstruction(instruction, { model, report }) {
    const run = instruction.trigger ?? instruction;
    if (run.keyword !== 'RUN') return;
    for (const invocation of runInvocations(model, run)) {
      if (!aptInstalls(invocation) || answersYes(invocation)) continue;
      // An earlier RUN may have written `APT::Get::Assume-Yes "true";` into apt.conf.d.
      const configured = firstAssumeYes(model);
      if (configured >= 0 && configured < model.offsetAt(run.range.start)) continue;
      // A simulation never prompts.
      if (hasOption(invocation, ['--simulate', '--just-print', '--dry-run', '--recon', '--no-act'], 's')) continue;
      const { at } = invocation;
      const fix = at.script.source === 'exec' ? undefined : withFix('Add -y', [insertAt(at.script.rangeOf(invocation.anchor.end, invocation.anchor.end).end, ' -y')]);
      report(at.range, `\`${invocation.manager} ${invocation.subcommand}\` without \`-y\` stops at a prompt the build cannot answer.`, fix);
    }
  },
});

export const aptNoInstallRecommends: Rule = defineRule({
  id: 'apt-no-install-recommends',
  title: 'apt-get install without --no-install-recommends',
  severity: 'info',
  hadolint: ['DL3015'],
  docs: {
    catches: '`apt-get install` without `--no-install-recommends`.',
    why: 'apt-get installs "recommended" packages by default, which are rarely needed in an image and make it larger. `--no-install-recommends` installs only what was asked for and its dependencies.',
    bad: 'RUN apt-get update && apt-get install -y curl',
    good: 'RUN apt-get update && apt-get install -y --no-install-recommends curl',
    notes: 'Deliberate differences from hadolint: an earlier RUN that writes an `Install-Recommends` setting into the apt configuration satisfies the rule for the rest of the file.',
  },
  check({ model, report }) {
    for (const invocation of invocations(model)) {
      if (!APT.has(invocation.manager) || invocation.subcommand !== 'install') continue;
      if (hasOption(invocation, ['--no-install-recommends'])) continue;
      const setting = aptSetting(invocation, 'APT::Install-Recommends');
      if (setting !== null && setting !== 'true' && setting !== '1') continue;
      const configured = firstInstallRecommends(model);
      if (configured >= 0 && configured < model.offsetAt(invocation.at.run.range.start)) continue;
      const { at } = invocation;
      const fix = at.script.source === 'exec' ? undefined : withFix('Add --no-install-recommends', [insertAt(at.script.rangeOf(invocation.anchor.end, invocation.anchor.end).end, ' --no-install-recommends')]);
      report(at.range, 'Add `--no-install-recommends` to keep recommended packages out of the image.', fix);
    }
  },
});

const installRecommends = new WeakMap<DockerfileModel, number>();

/** Offset of the first `Install-Recommends` in the file (-1 if none), found once per model. */
function firstInstallRecommends(model: DockerfileModel): number {
  let offset = installRecommends.get(model);
  if (offset === undefined) installRecommends.set(model, (offset = model.text.search(/Install-Recommends/i)));
  return offset;
}

/** The operands of an install that name packages without a version (local files aside), variables resolved. */
export function unpinned(model: Parameters<typeof resolveWord>[0], invocation: Invocation, pinned: (value: string) => boolean): string[] {
  const found: string[] = [];
  for (const operand of invocation.operands) {
    const values = resolveWord(model, invocation.at.run, operand);
    if (values === null) continue;
    for (const value of values) if (!isLocalPath(value) && !pinned(value)) found.push(value);
  }
  return found;
}

export const aptPin: Rule = defineRule({
  id: 'apt-pin-versions',
  title: 'apt-get install without versions',
  severity: 'hint',
  hadolint: ['DL3008'],
  docs: {
    catches: 'Packages in `apt-get install` named without a version (`curl` rather than `curl=7.88.1-10+deb12u5`).',
    why: 'Without `package=version` an image built tomorrow may get different packages than today. Pinning makes builds repeatable, at the price of updating the pins when the archive drops an old version.',
    bad: 'RUN apt-get install -y --no-install-recommends curl',
    good: 'RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5',
    notes: 'Deliberate differences from hadolint: the default severity is hint, not warning: Debian and Ubuntu archives drop superseded versions, so many maintained images (the official ones included) deliberately install unpinned packages from a pinned base image. Words whose variables cannot be resolved are not judged.',
  },
  check({ model, report }) {
    for (const invocation of invocations(model)) {
      if (!APT.has(invocation.manager) || invocation.subcommand !== 'install') continue;
      const missing = unpinned(model, invocation, (v) => v.includes('=') || v.endsWith('.deb') || v.includes('/'));
      if (missing.length > 0) report(invocation.at.range, `Pin the versions of ${list(missing)} (\`package=version\`).`);
    }
  },
});

/** A short, readable list of names. */
export function list(names: string[]): string {
  const shown = names.slice(0, 3).map((n) => quoted(n, '`'));
  return names.length > 3 ? `${shown.join(', ')} and ${names.length - 3} more` : shown.join(', ');
}

const LISTS = ['/var/lib/apt/lists'];

/** True when an `rm` in the command removes one of the directories (or what is inside). */
export function removes(args: { value: string }[], dirs: string[]): boolean {
  return args.some((a) => dirs.some((d) => trimTrailingSlashes(a.value.endsWith('/*') ? a.value.slice(0, -1) : a.value) === d || a.value.startsWith(`${d}/`)));
}

const cleanStages = new WeakMap<RunCommand[], Set<number>>();

/** The stages with a RUN that removes apt's docker-clean configuration, read once per command list. */
function dockerCleanStages(all: RunCommand[]): Set<number> {
  let stages = cleanStages.get(all);
  if (!stages) {
    stages = new Set();
    for (const c of all) if (c.command.name === 'rm' && c.command.args.some((a) => a.value.endsWith('docker-clean'))) stages.add(c.run.stageIndex);
    cleanStages.set(all, stages);
  }
  return stages;
}

const cleanRuns = new WeakMap<RunCommand[], boolean>();

/** True when one of a RUN's commands removes docker-clean; read once per RUN, as each `apt-get update` asks. */
function removesDockerClean(commands: RunCommand[]): boolean {
  let found = cleanRuns.get(commands);
  if (found === undefined) {
    found = commands.some((c) => c.command.name === 'rm' && c.command.args.some((a) => a.value.endsWith('docker-clean')));
    cleanRuns.set(commands, found);
  }
  return found;
}

export const aptListsCleanup: Rule = defineRule({
  id: 'apt-lists-cleanup',
  title: 'apt-get update leaves its lists in the layer',
  severity: 'info',
  hadolint: ['DL3009'],
  docs: {
    catches: 'An `apt-get update` whose RUN leaves the package lists in /var/lib/apt/lists (no cleanup, no cache mount).',
    why: '`apt-get update` downloads package lists (tens of megabytes) into /var/lib/apt/lists. Unless the same RUN deletes them, they stay in the layer for good. With BuildKit, a cache mount is better still: the lists never enter the layer and the next build reuses them.',
    bad: 'RUN apt-get update && apt-get install -y curl',
    good: [
      'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      '# or, with BuildKit:',
      'RUN --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
      '    --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
      '    apt-get update && apt-get install -y curl',
    ].join('\n'),
    notes: 'Deliberate differences from hadolint: a cache or tmpfs mount on /var/lib/apt or /var/lib/apt/lists satisfies the rule (when the file removed /etc/apt/apt.conf.d/docker-clean, /var/cache/apt must be mounted too, or the downloaded .deb files stay); only stages that end up in an image are checked (a builder stage\'s lists are never shipped), as hadolint does.',
  },
  check({ model, report }) {
    const all = allCommands(model);
    for (const invocation of invocations(model)) {
      if (!(APT.has(invocation.manager) || invocation.manager === 'aptitude') || invocation.subcommand !== 'update') continue;
      const { at } = invocation;
      if (!isTrigger(at.run) && !isShippedStage(model, at.run.stageIndex)) continue;
      if (laterInRun(all, at, 'rm-apt-lists', (c) => c.command.name === 'rm' && removes(c.command.args, LISTS))) continue;
      const keepsDebs = removesDockerClean(runCommands(model, at.run)) ||
        dockerCleanStages(all).has(at.run.stageIndex);
      if (cacheMounted(at.run, LISTS) && (!keepsDebs || cacheMounted(at.run, ['/var/cache/apt']))) continue;
      report(
        at.range,
        usesBuildKit(model)
          ? 'The apt lists stay in this layer: mount a cache (`RUN --mount=type=cache,target=/var/lib/apt,sharing=locked`) or end the RUN with `rm -rf /var/lib/apt/lists/*`.'
          : 'The apt lists stay in this layer: end the RUN with `rm -rf /var/lib/apt/lists/*` (or, with BuildKit, mount a cache on /var/lib/apt).',
      );
    }
  },
});

const APT_GET_SUBCOMMANDS = new Set(['install', 'update', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'clean', 'autoclean', 'build-dep', 'source', 'download', 'check']);

export const useAptGet: Rule = defineRule({
  id: 'use-apt-get',
  title: 'apt in a script',
  severity: 'warning',
  hadolint: ['DL3027'],
  docs: {
    catches: '`apt` in a RUN, where `apt-get` is the command made for scripts.',
    why: '`apt` is made for people at a terminal: its output and options may change between releases, and it warns that it has no stable command-line interface. Scripts, a Dockerfile included, should call `apt-get` (or `apt-cache`).',
    bad: 'RUN apt update && apt install -y curl',
    good: 'RUN apt-get update && apt-get install -y curl',
  },
  check({ model, report }) {
    for (const invocation of invocations(model)) {
      if (invocation.manager !== 'apt') continue;
      const { at } = invocation;
      const name = at.command.nameWord;
      const mechanical = name && at.script.source !== 'exec' && APT_GET_SUBCOMMANDS.has(invocation.subcommand) && name.raw === 'apt';
      report(at.range, 'Use `apt-get` in scripts: `apt` has no stable command-line interface.', mechanical ? withFix('Use apt-get', [{ range: at.script.rangeOf(name.start, name.end), newText: 'apt-get' }]) : undefined);
    }
  },
});

export const APT_RULES: Rule[] = [aptGetYes, aptNoInstallRecommends, aptPin, aptListsCleanup, useAptGet];
