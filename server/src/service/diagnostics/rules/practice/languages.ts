/** Package hygiene for apk and the language package managers: pip, npm, yarn, gem and go. */
import type { Rule, RuleSeverity } from '../../types';
import { defineRule } from '../../defineRule';
import { insertAt, withFix } from './define';
import { hasOption, invocations, optionValue, type Invocation } from './packages';
import { list, removes, unpinned } from './apt';
import { cacheRule } from './rpm';
import type { DockerfileModel } from '../../../model';
import type { ShellCommand } from '../../../shell';

interface PinSpec {
  id: string;
  manager: string;
  code: string;
  subcommands: string[];
  pinned(value: string, invocation: Invocation): boolean;
  bad: string;
  good: string;
  example: string;
  differences?: string;
  /** The default severity, when not warning. */
  severity?: RuleSeverity;
  /** Only some operands are packages (e.g. `go run pkg args...`). */
  operands?(invocation: Invocation): Invocation['operands'];
}

function pinRule(spec: PinSpec): Rule {
  return defineRule({
    id: spec.id,
    title: `${spec.manager} install without versions`,
    severity: spec.severity ?? 'warning',
    hadolint: [spec.code],
    docs: {
      catches: `Packages in \`${spec.manager} ${spec.subcommands[0]}\` named without a version (\`${spec.example}\` names one).`,
      why: `Without a version, ${spec.manager} installs whatever is newest on the day of the build: two builds of the same Dockerfile can get different code, and a bad release breaks the image without any change to it.`,
      bad: spec.bad,
      good: spec.good,
      notes: spec.differences && `Deliberate differences from hadolint: ${spec.differences}`,
    },
    check({ model, report }) {
      for (const invocation of invocations(model)) {
        const managers = spec.manager === 'pip' ? ['pip', 'pipx'] : [spec.manager];
        if (!managers.includes(invocation.manager) || !spec.subcommands.includes(invocation.subcommand)) continue;
        const operands = spec.operands ? spec.operands(invocation) : invocation.operands;
        const missing = unpinned(model, { ...invocation, operands }, (v) => spec.pinned(v, invocation));
        if (missing.length > 0) report(invocation.at.range, `Pin the versions of ${list(missing)} (e.g. \`${spec.example}\`).`);
      }
    },
  });
}

/** A pip requirement with a version specifier, a file, a path, or a VCS URL with a revision. */
function pipPinned(v: string): boolean {
  const vcs = /^(git|hg|svn|bzr)\+[a-z]+:\/\/(.*)$/i.exec(v.split('#')[0]);
  if (vcs) {
    // An `@` in the last path segment (found by index: /@[^/]*$/ is quadratic on a run of `@`).
    const rest = vcs[2].replace(/^[^/]*@/, '');
    return rest.indexOf('@', rest.lastIndexOf('/') + 1) >= 0;
  }
  if (/^[a-z]+:\/\//i.test(v) || ARCHIVE.test(v) || v === '.' || v.includes('/')) return true;
  return /[=<>~!@]/.test(v);
}

const ARCHIVE = /\.(whl|tar|tgz|tar\.gz|tar\.bz2|tar\.xz|zip|gem|apk)$/;

export const pipPin = pinRule({
  id: 'pip-pin-versions', manager: 'pip', code: 'DL3013', subcommands: ['install'],
  pinned: (v, invocation) => pipPinned(v) || optionValue(invocation, ['-c', '--constraint']) !== null,
  bad: 'RUN pip install flask', good: 'RUN pip install flask==3.0.3\n# or\nRUN pip install -r requirements.txt', example: 'flask==3.0.3',
  differences: 'upgrading pip\'s own tooling (`pip install --upgrade pip setuptools wheel`) is not reported: it is a deliberate "latest" in most images. Variables are resolved first; unknown ones are not judged.',
});

export const npmPin = pinRule({
  id: 'npm-pin-versions', manager: 'npm', code: 'DL3016', subcommands: ['install', 'i', 'add', 'isntall'],
  pinned: (v) => (/^[a-z+]+:/.test(v) ? v.includes('#') || ARCHIVE.test(v) : /^@?[^@]+@./.test(v) || ARCHIVE.test(v) || (v.includes('/') && !v.startsWith('@'))),
  bad: 'RUN npm install -g typescript', good: 'RUN npm install -g typescript@5.4.5', example: 'typescript@5.4.5',
  differences: '`npm install` without package names installs from package.json and is not reported here.',
});

export const gemPin = pinRule({
  id: 'gem-pin-versions', manager: 'gem', code: 'DL3028', subcommands: ['install', 'i'],
  pinned: (v, invocation) => v.includes(':') || optionValue(invocation, ['-v', '--version']) !== null || ARCHIVE.test(v),
  bad: 'RUN gem install bundler', good: 'RUN gem install bundler:2.5.10', example: 'bundler:2.5.10',
  differences: 'a word after an option we do not know is read as a gem name, so `--some-flag true` reports `true`; write such options as `--some-flag=true`.',
});

export const goPin = pinRule({
  id: 'go-install-pin-versions', manager: 'go', code: 'DL3062', subcommands: ['install', 'get', 'run'],
  pinned: (v) => !v.endsWith('@latest') && (v.includes('@') || v === '.' || v.startsWith('./') || v.startsWith('/') || v.startsWith('../') || v.endsWith('.go') || !v.split('/')[0].includes('.')),
  operands: (i) => (i.subcommand === 'run' ? i.operands.slice(0, 1) : i.operands),
  bad: 'RUN go install golang.org/x/tools/gopls@latest', good: 'RUN go install golang.org/x/tools/gopls@v0.15.3', example: 'golang.org/x/tools/gopls@v0.15.3',
  differences: 'a package path without a dot in its first element (a package of the current module, or the standard library) is not a download and is not reported.',
});

export const apkPin = pinRule({
  id: 'apk-pin-versions', manager: 'apk', code: 'DL3018', subcommands: ['add'],
  pinned: (v) => /[=<>~]/.test(v) || ARCHIVE.test(v),
  bad: 'RUN apk add --no-cache curl', good: 'RUN apk add --no-cache curl=8.5.0-r0', example: 'curl=8.5.0-r0',
  severity: 'hint',
  differences: 'the default severity is hint, not warning: Alpine removes superseded package versions from its repositories, so pinned builds break over time and many maintained images pin the base image instead.',
});

// `pip install -U pip setuptools wheel` keeps the installer itself current, on purpose.
const PIP_TOOLING = new Set(['pip', 'setuptools', 'wheel']);
const basePipPinCheck = pipPin.check;
pipPin.check = (context) => {
  basePipPinCheck!({
    ...context,
    report(range, message, extra) {
      const names = [...message.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      if (names.length > 0 && names.every((n) => PIP_TOOLING.has(n.toLowerCase()))) return;
      context.report(range, message, extra);
    },
  });
};

const apkCache = cacheRule({
  id: 'apk-no-cache', what: 'apk', hadolint: 'DL3019', severity: 'info', dirs: ['/var/cache/apk'],
  bad: 'RUN apk add curl', good: 'RUN apk add --no-cache curl', cleanup: 'rm -rf /var/cache/apk/*',
  matches: (i) => i.manager === 'apk' && i.subcommand === 'add' && !hasOption(i, ['--no-cache']),
  cleans: (c) => c.name === 'rm' && removes(c.args, ['/var/cache/apk']),
});

export const apkNoCache: Rule = defineRule({
  id: 'apk-no-cache',
  title: 'apk add without --no-cache',
  severity: 'info',
  hadolint: ['DL3019'],
  docs: {
    catches: '`apk add` without `--no-cache`.',
    why: '`apk add --no-cache` fetches the index, installs, and keeps nothing in /var/cache/apk, which saves a separate `apk update` and a cleanup step.',
    bad: 'RUN apk update && apk add curl',
    good: 'RUN apk add --no-cache curl\n# or, with BuildKit:\nRUN --mount=type=cache,target=/var/cache/apk apk add curl',
    notes: 'Deliberate differences from hadolint: a cache or tmpfs mount on /var/cache/apk, or removing /var/cache/apk later in the RUN, satisfies the rule; only stages that end up in an image are checked.',
  },
  // The shared cache check finds the calls; apk's fix is mechanical: add `--no-cache`.
  check(context) {
    const byRange = new Map(invocations(context.model).filter((i) => i.manager === 'apk').map((i) => [key(i.at.range), i]));
    apkCache.check!({
      ...context,
      report(range) {
        const invocation = byRange.get(key(range));
        const fix = invocation && invocation.at.script.source !== 'exec'
          ? withFix('Add --no-cache', [insertAt(invocation.at.script.rangeOf(invocation.anchor.end, invocation.anchor.end).end, ' --no-cache')])
          : undefined;
        context.report(range, 'Use `apk add --no-cache` so the package index does not stay in the layer.', fix);
      },
    });
  },
});

function key(range: { start: { line: number; character: number } }): string {
  return `${range.start.line}:${range.start.character}`;
}

const FALSE = /^(0|no|off|false)$/i;
const PIP_SETTING = 'PIP_NO_CACHE_DIR=';

/** Per script: the `export PIP_NO_CACHE_DIR=...` words in order, with the offset of their command. */
const pipExports = new WeakMap<readonly ShellCommand[], { start: number; value: string }[]>();

/**
 * The last `PIP_NO_CACHE_DIR=` exported by a command of the script before `before`, or null.
 * The exports are gathered once per script and searched by halves, so a RUN of 100,000 pip
 * calls stays linear (scanning the script for each call was quadratic).
 */
function exportedBefore(commands: readonly ShellCommand[], before: number): string | null {
  let exports = pipExports.get(commands);
  if (!exports) {
    exports = [];
    for (const c of commands) if (c.name === 'export') for (const a of c.args) if (a.value.startsWith(PIP_SETTING)) exports.push({ start: c.start, value: a.value });
    exports.sort((a, b) => a.start - b.start);
    pipExports.set(commands, exports);
  }
  let lo = 0;
  let hi = exports.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (exports[mid].start < before) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? exports[lo - 1].value : null;
}

/** True when PIP_NO_CACHE_DIR is on for this call (ENV, an assignment, or an earlier export). */
function pipCacheOff(model: DockerfileModel, invocation: Invocation): boolean {
  const { at } = invocation;
  const assigned = at.command.assignments.map((a) => a.value).filter((v) => v.startsWith(PIP_SETTING));
  // As before: an earlier export is taken over the call's own assignment.
  const inScript = exportedBefore(at.script.script.commands, at.command.start) ?? (assigned.length > 0 ? assigned[assigned.length - 1] : null);
  if (inScript !== null) return !FALSE.test(inScript.slice(PIP_SETTING.length));
  let value = model.resolveVariable('PIP_NO_CACHE_DIR', at.run).value;
  // Before any FROM there is no scope; take the last ENV written above the RUN.
  if (value === null && at.run.stageIndex < 0) {
    const runAt = model.offsetAt(at.run.range.start);
    const env = model.definitions.filter((d) => d.name === 'PIP_NO_CACHE_DIR' && d.kind === 'ENV' && d.instruction && model.offsetAt(d.instruction.range.start) < runAt);
    value = env[env.length - 1]?.value ?? null;
  }
  return value !== null && value !== '' && !FALSE.test(value);
}

export const pipNoCacheDir: Rule = cacheRule({
  id: 'pip-no-cache-dir', what: 'pip', hadolint: 'DL3042', severity: 'info',
  dirs: ['/root/.cache/pip', '/root/.cache'],
  bad: 'RUN pip install flask==3.0.3', good: 'RUN pip install --no-cache-dir flask==3.0.3', cleanup: 'pip cache purge',
  matches: (i) => i.manager === 'pip' && i.subcommand === 'install' && !hasOption(i, ['--no-cache-dir']),
  cleans: (c) => (/^pip[0-9.]*$/.test(c.name) && c.args[0]?.value === 'cache') || (c.name === 'rm' && removes(c.args, ['/root/.cache/pip', '/root/.cache'])),
});
const basePipCache = pipNoCacheDir.check;
pipNoCacheDir.check = (context) => {
  const skip = new Set(invocations(context.model).filter((i) => i.manager === 'pip' && pipCacheOff(context.model, i)).map((i) => key(i.at.range)));
  basePipCache!({
    ...context,
    report(range, _message, extra) {
      if (!skip.has(key(range))) context.report(range, 'pip keeps its download cache in this layer: add `--no-cache-dir` (or mount a cache on /root/.cache/pip).', extra);
    },
  });
};

export const yarnCacheClean: Rule = cacheRule({
  id: 'yarn-cache-clean', what: 'yarn', hadolint: 'DL3060', severity: 'info',
  dirs: ['/usr/local/share/.cache/yarn', '/root/.cache/yarn', '/root/.yarn'],
  bad: 'RUN yarn install --frozen-lockfile', good: 'RUN yarn install --frozen-lockfile && yarn cache clean', cleanup: 'yarn cache clean',
  matches: (i) => i.manager === 'yarn' && ['install', 'add', ''].includes(i.subcommand) && !(i.subcommand === '' && i.options.length === 0 && i.at.command.args.length > 0),
  cleans: (c) => c.name === 'yarn' && c.args.some((a) => a.value === 'cache') && c.args.some((a) => a.value === 'clean'),
});

export const LANGUAGE_RULES: Rule[] = [apkPin, apkNoCache, pipPin, pipNoCacheDir, npmPin, yarnCacheClean, gemPin, goPin];
