/**
 * Cache advice for package installs: a BuildKit cache mount keeps a package manager's downloads
 * between builds, so a step that rebuilds does not fetch everything again.
 */
import type { DockerfileModel, InstructionModel } from '../../../model';
import type { Rule } from '../../types';
import { defineRule } from '../../defineRule';
import { aptListsCleanup } from './apt';
import { aptInstall } from './cache';
import { insertAt } from './define';
import { apkNoCache, pipNoCacheDir } from './languages';
import { hasOption, invocations, type Invocation } from './packages';
import { cacheMounted, usesBuildKit } from './scripts';

interface Manager {
  name: string;
  matches(invocation: Invocation): boolean;
  /** Cache folders; a cache mount on any of them (or a parent) is enough. */
  dirs: string[];
  /** The flags the fix inserts. */
  mount: string;
  /** The option that turns the cache off, when the call gives it (a mount is useless with it). */
  off?: string;
  /** The layer-size rule whose message already suggests the mount for this call. */
  advisedBy: Rule | null;
}

const MANAGERS: Manager[] = [
  {
    name: 'apt', matches: aptInstall, dirs: ['/var/cache/apt', '/var/lib/apt'], advisedBy: aptListsCleanup,
    mount: '--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked',
  },
  {
    name: 'apk', matches: (i) => i.manager === 'apk' && i.subcommand === 'add', dirs: ['/var/cache/apk', '/etc/apk/cache'], off: '--no-cache',
    mount: '--mount=type=cache,target=/var/cache/apk', advisedBy: apkNoCache,
  },
  {
    name: 'pip', matches: (i) => i.manager === 'pip' && i.subcommand === 'install', dirs: ['/root/.cache/pip', '/root/.cache'], off: '--no-cache-dir',
    mount: '--mount=type=cache,target=/root/.cache/pip', advisedBy: pipNoCacheDir,
  },
  {
    name: 'npm', matches: (i) => i.manager === 'npm' && ['install', 'i', 'ci', 'add'].includes(i.subcommand), dirs: ['/root/.npm'],
    mount: '--mount=type=cache,target=/root/.npm', advisedBy: null,
  },
  {
    name: 'go',
    matches: (i) => i.manager === 'go' && (['build', 'install', 'get', 'test'].includes(i.subcommand) || (i.subcommand === 'mod' && i.operands[0]?.value === 'download')),
    dirs: ['/go/pkg/mod', '/root/.cache/go-build', '/root/go/pkg/mod'],
    mount: '--mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build', advisedBy: null,
  },
];

const advised = new WeakMap<DockerfileModel, Map<Rule, Set<InstructionModel>>>();

/** The RUNs (top-level: a trigger's ONBUILD) a layer-size rule reports, worked out once per model. */
function advisedRuns(model: DockerfileModel, rule: Rule): Set<InstructionModel> {
  let byRule = advised.get(model);
  if (!byRule) advised.set(model, (byRule = new Map()));
  let runs = byRule.get(rule);
  if (!runs) {
    const found = new Set<InstructionModel>();
    rule.check?.({ model, dockerignore: null, report: (range) => void found.add(model.instructionAt(range.start)!) });
    byRule.set(rule, (runs = found));
  }
  return runs;
}

export const cacheMountForInstalls: Rule = defineRule({
  id: 'install-without-cache-mount',
  title: 'A package install without a cache mount',
  severity: 'hint',
  docs: {
    catches: 'In a Dockerfile that already uses BuildKit syntax, an apt, apk, pip, npm or go install in a RUN with no cache mount on that package manager\'s download folder.',
    why: 'When a RUN rebuilds, everything it downloaded last time is gone with its old layer, so the install fetches every package again. `RUN --mount=type=cache,target=<folder>` keeps the folder between builds, outside the image: a rebuilt install only downloads what changed, and the layer gets no cache files.',
    bad: '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3',
    good: '# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3',
    notes: 'Only files that already use BuildKit syntax (a `# syntax=` line, a RUN --mount or a heredoc) are checked: a builder without BuildKit (the legacy builder, some CI builders) rejects the flag. The folders looked for: /var/cache/apt or /var/lib/apt (apt; with sharing=locked, as apt locks them), /var/cache/apk, /root/.cache/pip, /root/.npm, /go/pkg/mod or /root/.cache/go-build; a mount on a parent folder counts. They are root\'s: a RUN under another USER needs that user\'s folders. Calls that apt-lists-cleanup, apk-no-cache or pip-no-cache-dir report are left to them, since they suggest the mount too. A call that turns its cache off (`apk add --no-cache`, `pip install --no-cache-dir`) is told to drop that option with the mount, and gets no quick fix.',
  },
  check({ model, report }) {
    if (!usesBuildKit(model)) return;
    const seen = new Set<string>();
    for (const invocation of invocations(model)) {
      const manager = MANAGERS.find((m) => m.matches(invocation));
      if (!manager) continue;
      const run = invocation.at.run;
      const top = run.parent ?? run;
      const key = `${manager.name}\0${top.range.start.line}`;
      if (seen.has(key) || cacheMounted(run, manager.dirs)) continue;
      seen.add(key);
      if (manager.advisedBy && advisedRuns(model, manager.advisedBy).has(top)) continue;
      const off = manager.off !== undefined && hasOption(invocation, [manager.off]);
      const call = [invocation.manager, invocation.subcommand, ...(invocation.subcommand === 'mod' ? invocation.operands.slice(0, 1).map((o) => o.value) : [])].join(' ');
      const message = off
        ? `\`${call}\` downloads everything again each time this step rebuilds: drop \`${manager.off}\` and mount a cache (\`RUN ${manager.mount}\`) to keep the downloads between builds.`
        : `\`${call}\` downloads everything again each time this step rebuilds: a cache mount (\`RUN ${manager.mount}\`) keeps the downloads between builds.`;
      const fix = !off && run.args.length > 0 ? { fixes: [{ title: 'Mount a cache for the downloads', edits: [insertAt(run.args[0].range.start, `${manager.mount} `)] }] } : undefined;
      report(invocation.at.range, message, fix);
    }
  },
});
