/**
 * Package hygiene for yum, dnf/microdnf, zypper and apk: answer prompts, pin versions, and leave
 * no package cache in the layer (a BuildKit cache mount on the cache directory does that too).
 */
import type { Rule, RuleSeverity } from '../../types';
import { defineRule } from '../../defineRule';
import { insertAt, withFix } from './define';
import { hasOption, invocations, type Invocation } from './packages';
import { list, removes, unpinned } from './apt';
import { allCommands, cacheMounted, isShippedStage, isTrigger, laterInRun, usesBuildKit } from './scripts';

interface Family {
  /** Rule id prefix and display name. */
  name: string;
  managers: string[];
  /** Subcommands that install and so prompt, pin and fill the cache. */
  installs: string[];
  /** Subcommands that fill the cache (installs included). */
  caching: string[];
  yes: { long: string[]; short: string; insert: string };
  cacheDirs: string[];
  clean: string;
  codes: { yes: string; clean: string; pin: string };
  pinned(value: string): boolean;
  pinExample: string;
}

const RPM_VERSION = (v: string) => /-\d/.test(v) || v.endsWith('.rpm') || v.startsWith('@');
const DNF_INSTALLS = ['install', 'in', 'localinstall', 'module install', 'groupinstall', 'group install', 'groups install'];
const DNF_CACHING = [...DNF_INSTALLS, 'reinstall', 'rei', 'upgrade', 'up', 'update', 'upgrade-minimal', 'up-min', 'update-minimal', 'distro-sync', 'dsync', 'downgrade', 'module update'];

const FAMILIES: Family[] = [
  {
    name: 'yum', managers: ['yum'], installs: DNF_INSTALLS, caching: DNF_CACHING,
    yes: { long: ['--assumeyes'], short: 'y', insert: ' -y' },
    cacheDirs: ['/var/cache/yum', '/var/cache/dnf'], clean: 'yum clean all',
    codes: { yes: 'DL3030', clean: 'DL3032', pin: 'DL3033' }, pinned: RPM_VERSION, pinExample: 'httpd-2.4.57',
  },
  {
    name: 'dnf', managers: ['dnf', 'microdnf'], installs: DNF_INSTALLS, caching: DNF_CACHING,
    yes: { long: ['--assumeyes'], short: 'y', insert: ' -y' },
    cacheDirs: ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5'], clean: 'dnf clean all',
    codes: { yes: 'DL3038', clean: 'DL3040', pin: 'DL3041' }, pinned: RPM_VERSION, pinExample: 'httpd-2.4.57',
  },
  {
    name: 'zypper', managers: ['zypper'], installs: ['install', 'in'], caching: ['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si'],
    yes: { long: ['--non-interactive', '--no-confirm', '--assume-yes'], short: 'ny', insert: ' -y' },
    cacheDirs: ['/var/cache/zypp'], clean: 'zypper clean --all',
    codes: { yes: 'DL3034', clean: 'DL3036', pin: 'DL3037' }, pinned: (v) => /[=<>]/.test(v) || v.endsWith('.rpm'), pinExample: 'httpd=2.4.57',
  },
];

function family(f: Family, kind: 'install' | 'caching', invocation: Invocation): boolean {
  if (!f.managers.includes(invocation.manager)) return false;
  return (kind === 'install' ? f.installs : f.caching).includes(invocation.subcommand);
}

function yesRule(f: Family): Rule {
  return defineRule({
    id: `${f.name}-yes`,
    title: `${f.name} without a non-interactive switch`,
    severity: 'warning',
    hadolint: [f.codes.yes],
    docs: {
      catches: `\`${f.managers.join('` or `')}\` installing or upgrading without \`-y\` (or another switch that answers the prompt).`,
      why: `${f.managers.join(' and ')} ask for confirmation before installing; a build cannot answer, so the call fails. Pass \`-y\`${f.name === 'zypper' ? ' (or the global `--non-interactive`)' : ''}.`,
      bad: `RUN ${f.managers[0]} install ${f.pinExample}`,
      good: `RUN ${f.managers[0]} install -y ${f.pinExample}`,
    },
    check({ model, report }) {
      for (const invocation of invocations(model)) {
        if (!family(f, 'caching', invocation) || hasOption(invocation, f.yes.long, f.yes.short)) continue;
        const { at } = invocation;
        const fix = at.script.source === 'exec' ? undefined : withFix('Add -y', [insertAt(at.script.rangeOf(invocation.anchor.end, invocation.anchor.end).end, f.yes.insert)]);
        report(at.range, `\`${invocation.manager} ${invocation.subcommand}\` without \`-y\` waits for a confirmation the build cannot give.`, fix);
      }
    },
  });
}

function pinRule(f: Family): Rule {
  return defineRule({
    id: `${f.name}-pin-versions`,
    title: `${f.name} install without versions`,
    severity: 'hint',
    hadolint: [f.codes.pin],
    docs: {
      catches: `Packages in \`${f.managers[0]} install\` named without a version (\`${f.pinExample}\` names one).`,
      why: 'An unpinned package installs whatever version the repository has on the day of the build, so two builds of the same Dockerfile can differ.',
      bad: `RUN ${f.managers[0]} install -y httpd`,
      good: `RUN ${f.managers[0]} install -y ${f.pinExample}`,
      notes: 'Deliberate differences from hadolint: the default severity is hint, not warning: distribution repositories drop superseded versions, and pinning the base image is often the maintainers\' chosen trade-off. Groups (`group install`) and words with unresolved variables are not judged.',
    },
    check({ model, report }) {
      for (const invocation of invocations(model)) {
        if (!family(f, 'install', invocation) || invocation.subcommand.includes('group')) continue;
        const pinned = invocation.subcommand.startsWith('module') ? (v: string) => v.includes(':') : f.pinned;
        const missing = unpinned(model, invocation, pinned);
        if (missing.length > 0) report(invocation.at.range, `Pin the versions of ${list(missing)} (e.g. \`${f.pinExample}\`).`);
      }
    },
  });
}

function cleanRule(f: Family): Rule {
  return cacheRule({
    id: `${f.name}-clean-cache`,
    what: f.name,
    hadolint: f.codes.clean,
    severity: 'info',
    dirs: f.cacheDirs,
    bad: `RUN ${f.managers[0]} install -y ${f.pinExample}`,
    good: `RUN ${f.managers[0]} install -y ${f.pinExample} && ${f.clean}`,
    cleanup: f.clean,
    matches: (i) => family(f, 'caching', i),
    cleans: (c) => (f.managers.includes(c.name) && c.args.some((a) => a.value === 'clean' || a.value === 'cc')) || (c.name === 'rm' && removes(c.args, f.cacheDirs)),
  });
}

/** What a "clean the cache" rule needs to know. */
export interface CacheRuleSpec {
  id: string;
  what: string;
  hadolint: string;
  severity: RuleSeverity;
  dirs: string[];
  bad: string;
  good: string;
  cleanup: string;
  matches(invocation: Invocation): boolean;
  /** True for a later command of the same RUN that removes the cache. */
  cleans(command: { name: string; args: { value: string }[] }): boolean;
  /** Other ways the cache is already avoided for this call. */
  avoided?(invocation: Invocation): boolean;
}

/** A rule that wants a package cache deleted in the same RUN, or kept out by a cache mount. */
export function cacheRule(spec: CacheRuleSpec): Rule {
  return defineRule({
    id: spec.id,
    title: `${spec.what} leaves its cache in the layer`,
    severity: spec.severity,
    hadolint: [spec.hadolint],
    docs: {
      catches: `A ${spec.what} call that leaves its package cache (${spec.dirs[0]}) in the layer.`,
      why: `${spec.what} keeps downloaded packages and metadata in ${spec.dirs[0]}. Unless the same RUN removes them (\`${spec.cleanup}\`), they stay in the layer and only make the image larger. With BuildKit, a cache mount on ${spec.dirs[0]} is better: nothing enters the layer and the next build reuses the downloads.`,
      bad: spec.bad,
      good: `${spec.good}\n# or, with BuildKit:\nRUN --mount=type=cache,target=${spec.dirs[0]} ${spec.bad.replace(/^RUN /, '')}`,
      notes: `Deliberate differences from hadolint: a cache or tmpfs mount on ${spec.dirs.join(' or ')} satisfies the rule, as does removing that directory later in the RUN; only stages that end up in an image (the last one, one another FROM builds on, ONBUILD triggers) are checked.`,
    },
    check({ model, report }) {
      const all = allCommands(model);
      for (const invocation of invocations(model)) {
        if (!spec.matches(invocation)) continue;
        const { at } = invocation;
        if (!isTrigger(at.run) && !isShippedStage(model, at.run.stageIndex)) continue;
        if (cacheMounted(at.run, spec.dirs) || spec.avoided?.(invocation)) continue;
        if (laterInRun(all, at, spec.id, (c) => spec.cleans(c.command))) continue;
        report(
          at.range,
          usesBuildKit(model)
            ? `The ${spec.what} cache stays in this layer: mount a cache (\`RUN --mount=type=cache,target=${spec.dirs[0]}\`) or finish with \`${spec.cleanup}\`.`
            : `The ${spec.what} cache stays in this layer: finish the RUN with \`${spec.cleanup}\` (or, with BuildKit, mount a cache on ${spec.dirs[0]}).`,
        );
      }
    },
  });
}

export const zypperDistUpgrade: Rule = defineRule({
  id: 'zypper-dist-upgrade',
  title: 'zypper dist-upgrade in a Dockerfile',
  severity: 'warning',
  hadolint: ['DL3035'],
  docs: {
    catches: '`zypper dist-upgrade` (or `dup`) in a RUN.',
    why: '`zypper dist-upgrade` may move the whole system to another release, which is the base image\'s job: pick a newer base image instead, and keep the build repeatable.',
    bad: 'RUN zypper dist-upgrade -y',
    good: 'FROM opensuse/leap:15.6',
  },
  check({ model, report }) {
    for (const invocation of invocations(model)) {
      if (invocation.manager === 'zypper' && (invocation.subcommand === 'dist-upgrade' || invocation.subcommand === 'dup')) {
        report(invocation.at.range, 'Avoid `zypper dist-upgrade` in an image: use a newer base image instead.');
      }
    }
  },
});

export const RPM_RULES: Rule[] = [...FAMILIES.flatMap((f) => [yesRule(f), pinRule(f), cleanRule(f)]), zypperDistUpgrade];
