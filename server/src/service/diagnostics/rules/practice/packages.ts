/**
 * Package-manager invocations read from RUN commands: which manager, which subcommand, its
 * options and its operands (package names), for apt-get/apt, apk, yum/dnf/microdnf, zypper,
 * pip/pipx, npm, yarn, gem and go.
 */
import type { DockerfileModel, InstructionModel } from '../../../model';
import type { ShellWord } from '../../../shell';
import { runCommands, runInstructions, type RunCommand } from './scripts';

/** One package-manager call. */
export interface Invocation {
  manager: string;
  /** `install`, `add`, `module install`, `group install` ... ('' when none). */
  subcommand: string;
  /** Every option word (`-y`, `--no-cache`, `--opt=value`), wherever it stands. */
  options: ShellWord[];
  /** Operands after the subcommand, values of options excluded. */
  operands: ShellWord[];
  /** The word to insert new options after (the subcommand word, or the command name). */
  anchor: ShellWord;
  at: RunCommand;
}

// Options that take the next word as their value, per manager.
const VALUE_OPTIONS: Record<string, string[]> = {
  'apt-get': ['-o', '-c', '-t', '-a', '--option', '--config-file', '--target-release', '--default-release', '--host-architecture'],
  apk: ['-X', '--repository', '-t', '--virtual', '-p', '--root', '--repositories-file', '--arch', '--keys-dir', '--cache-dir'],
  yum: ['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo', '-x', '--exclude', '-d', '-e', '--repo', '--repoid'],
  zypper: ['-r', '--repo', '--from', '-t', '--type', '--root', '-R', '--reposd-dir', '-C', '--cache-dir'],
  pip: [
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url',
    '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--build', '--trusted-host', '--python',
    '--root-user-action', '--platform', '--python-version', '--implementation', '--abi', '--src',
    '--upgrade-strategy', '--progress-bar', '--log', '--cache-dir', '--proxy', '--retries', '--timeout',
    '--exists-action', '--cert', '--client-cert', '--global-option', '--install-option', '-C',
    '--config-settings', '--no-binary', '--only-binary', '--pip-args', '--suffix', '--report',
  ],
  npm: ['--registry', '--prefix', '--cache', '--tag', '-w', '--workspace', '--omit', '--include', '--install-strategy'],
  gem: ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source', '-s', '-P', '--trust-policy', '--platform', '-g', '--file'],
  go: ['-o', '-tags', '-ldflags', '-gcflags', '-asmflags', '-mod', '-modfile', '-p', '-C', '-overlay', '-pkgdir', '-toolexec', '-buildmode', '-compiler', '-exec'],
  yarn: ['--cache-folder', '--modules-folder', '--network-timeout', '--mutex', '--registry'],
};
VALUE_OPTIONS.apt = VALUE_OPTIONS['apt-get'];
VALUE_OPTIONS.aptitude = VALUE_OPTIONS['apt-get'];
VALUE_OPTIONS.dnf = VALUE_OPTIONS.yum;
VALUE_OPTIONS.microdnf = VALUE_OPTIONS.yum;
VALUE_OPTIONS.pipx = VALUE_OPTIONS.pip;

const MANAGERS: Record<string, string> = {
  'apt-get': 'apt-get', apt: 'apt', aptitude: 'aptitude', apk: 'apk', yum: 'yum', dnf: 'dnf', dnf5: 'dnf',
  microdnf: 'microdnf', zypper: 'zypper', pipx: 'pipx', npm: 'npm', gem: 'gem', go: 'go', yarn: 'yarn',
};

// Subcommands that take a second word (`dnf module install`, `yum group install`).
const TWO_WORD = new Set(['module', 'group', 'groups']);

const cache = new WeakMap<DockerfileModel, Invocation[]>();
// Per RUN: its command list is kept across edits that do not touch the RUN (see scripts.ts), so
// the calls read from it are too; only a re-parsed or moved RUN is read again.
const perRun = new WeakMap<RunCommand[], Invocation[]>();

/** The package-manager calls of one RUN, read once per command list (kept across edits). */
export function runInvocations(model: DockerfileModel, run: InstructionModel): Invocation[] {
  const commands = runCommands(model, run);
  let calls = perRun.get(commands);
  if (!calls) {
    calls = [];
    for (const at of commands) {
      const invocation = readInvocation(at);
      if (invocation) calls.push(invocation);
    }
    perRun.set(commands, calls);
  }
  return calls;
}

/** Every package-manager call in the document's RUNs, in order. */
export function invocations(model: DockerfileModel): Invocation[] {
  let found = cache.get(model);
  if (!found) {
    found = [];
    // Loops, not spreads: one RUN of a megabyte holds ~100k calls, too many arguments for a spread.
    for (const run of runInstructions(model)) for (const invocation of runInvocations(model, run)) found.push(invocation);
    cache.set(model, found);
  }
  return found;
}

function readInvocation(at: RunCommand): Invocation | null {
  const { command } = at;
  let manager = MANAGERS[command.name];
  let words = command.args;
  let anchor = command.nameWord;
  if (!manager && /^pip[0-9.]*$/.test(command.name)) manager = 'pip';
  if (!manager && /^python[0-9.]*$/.test(command.name) && words[0]?.value === '-m' && /^pip[0-9.]*$/.test(words[1]?.value ?? '')) {
    manager = 'pip';
    anchor = words[1];
    words = words.slice(2);
  }
  if (!manager || !anchor) return null;
  const valueOptions = VALUE_OPTIONS[manager] ?? [];
  const options: ShellWord[] = [];
  const operands: ShellWord[] = [];
  const subcommand: ShellWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.value === '--') {
      // gem passes what follows to the extension build; others take operands after it.
      if (manager === 'gem') break;
      for (let k = i + 1; k < words.length; k++) operands.push(words[k]);
      break;
    }
    if (word.value.startsWith('-') && word.value.length > 1) {
      options.push(word);
      if (!word.value.includes('=') && valueOptions.includes(word.value) && i + 1 < words.length) {
        options.push(words[++i]);
      }
      continue;
    }
    const wantsSub = subcommand.length === 0 || (subcommand.length === 1 && TWO_WORD.has(subcommand[0].value));
    if (wantsSub && operands.length === 0) subcommand.push(word);
    else operands.push(word);
  }
  return {
    manager,
    subcommand: subcommand.map((w) => w.value).join(' '),
    options,
    operands,
    anchor: subcommand[subcommand.length - 1] ?? anchor,
    at,
  };
}

/**
 * True when an option is given: a long name (`--yes`, or `--name=value`) or a short letter,
 * alone or combined (`-y`, `-qy`).
 */
export function hasOption(invocation: Invocation, longNames: string[], shortLetters = ''): boolean {
  return invocation.options.some((o) => {
    const v = o.value;
    if (v.startsWith('--')) return longNames.some((name) => v === name || v.startsWith(`${name}=`));
    if (longNames.includes(v)) return true;
    if (!v.startsWith('-') || shortLetters === '') return false;
    const letters = v.slice(1).split('=')[0];
    return /^[A-Za-z]+$/.test(letters) && [...shortLetters].some((l) => letters.includes(l));
  });
}

/** The value of `--name=value` or `--name value` (the word after it), or null. */
export function optionValue(invocation: Invocation, names: string[]): string | null {
  const { options } = invocation;
  for (let i = 0; i < options.length; i++) {
    const v = options[i].value;
    for (const name of names) {
      if (v.startsWith(`${name}=`)) return v.slice(name.length + 1);
      if (v === name) return options[i + 1]?.value ?? '';
    }
  }
  return null;
}

/** True when the operand is a local file or folder rather than a package name. */
export function isLocalPath(value: string): boolean {
  return /^(\.{1,2}(\/|$)|\/|~\/)/.test(value);
}
