/**
 * Cache advice: patterns that make BuildKit's layer cache miss more often than the build needs,
 * found without building. What BuildKit keys each step on is written down, with its sources, in
 * service/cache/invalidation.ts; these rules name the common ways a Dockerfile wastes it.
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { getPredefinedArg } from '../../../data';
import { expandedVariableRefs, type DockerfileModel, type InstructionModel } from '../../../model';
import type { Rule } from '../../types';
import { defineRule } from '../../defineRule';
import { quoted } from '../../ruleKit';
import { insertAt } from './define';
import { optionValue, runInvocations, type Invocation } from './packages';
import { allCommands, laterInRun, runCommands, type RunCommand } from './scripts';

/** A Dockerfile line range from the start of an instruction's first line to the start of the line after it. */
function wholeLines(instruction: InstructionModel): Range {
  return { start: { line: instruction.range.start.line, character: 0 }, end: { line: instruction.range.end.line + 1, character: 0 } };
}

/** The edits that move an instruction to the line before `before` (a fix, never preferred: it reorders the file). */
function moveEdits(model: DockerfileModel, moved: InstructionModel, before: InstructionModel, prefix = ''): TextEdit[] {
  return [
    insertAt({ line: before.range.start.line, character: 0 }, `${prefix}${model.textAt(moved.range)}\n`),
    { range: wholeLines(moved), newText: '' },
  ];
}

const places = new WeakMap<DockerfileModel, Map<InstructionModel, number>>();

/** The index of a top-level instruction in its stage, from one map per model (indexOf per call was quadratic). */
function placeInStage(model: DockerfileModel, instruction: InstructionModel): number {
  let map = places.get(model);
  if (!map) {
    map = new Map();
    for (const stage of model.stages) stage.instructions.forEach((i, n) => map!.set(i, n));
    places.set(model, map);
  }
  return map.get(instruction) ?? -1;
}

/** The next top-level instruction of the same stage, or undefined. */
function nextInStage(model: DockerfileModel, instruction: InstructionModel): InstructionModel | undefined {
  return model.stages[instruction.stageIndex]?.instructions[placeInStage(model, instruction) + 1];
}

// ---------------------------------------------------------------------------------------------
// The whole context copied before a dependency install.

interface Installer {
  /** How the advice names the call. */
  label: string;
  /** What to copy first; null when the install needs the sources anyway (advice without a fix). */
  manifests: string[] | null;
  /** What to tell people to copy when there is no fix. */
  advice: string;
}

/** The dependency install a command runs, if it is one that reads only manifests. */
function installerOf(at: RunCommand, calls: Invocation[]): Installer | null {
  const { command } = at;
  const words = command.args.filter((a) => !a.value.startsWith('-')).map((a) => a.value);
  const sub = words[0] ?? '';
  const call = calls.find((c) => c.at === at);
  const simple = (names: string[]) => ({ manifests: names, advice: names.join(' and ') });
  switch (command.name) {
    case 'npm':
      return ['install', 'i', 'ci'].includes(sub) && words.length === 1 ? { label: `npm ${sub}`, ...simple(['package*.json']) } : null;
    case 'yarn':
      return (sub === '' || sub === 'install') && words.length <= 1 ? { label: 'yarn install', ...simple(['package.json', 'yarn.lock*']) } : null;
    case 'pnpm':
      return ['install', 'i'].includes(sub) && words.length === 1 ? { label: 'pnpm install', ...simple(['package.json', 'pnpm-lock.yaml*']) } : null;
    case 'poetry':
      return sub === 'install' ? { label: 'poetry install', ...simple(['pyproject.toml', 'poetry.lock*']) } : null;
    case 'pipenv':
      return sub === 'install' ? { label: 'pipenv install', ...simple(['Pipfile', 'Pipfile.lock*']) } : null;
    case 'uv':
      return sub === 'sync' ? { label: 'uv sync', ...simple(['pyproject.toml', 'uv.lock*']) } : null;
    case 'go':
      return sub === 'mod' && words[1] === 'download' ? { label: 'go mod download', ...simple(['go.mod', 'go.sum*']) } : null;
    case 'bundle':
      return sub === '' || sub === 'install' ? { label: 'bundle install', ...simple(['Gemfile', 'Gemfile.lock*']) } : null;
    case 'composer':
      return sub === 'install' ? { label: 'composer install', ...simple(['composer.json', 'composer.lock*']) } : null;
    case 'cargo':
      return sub === 'build' ? { label: 'cargo build', manifests: null, advice: 'Cargo.toml and Cargo.lock (then `cargo fetch`)' } : null;
    case 'mvn':
      return ['package', 'install', 'verify'].includes(sub) ? { label: `mvn ${sub}`, manifests: null, advice: 'pom.xml (then `mvn dependency:go-offline`)' } : null;
    case 'dotnet':
      return sub === 'restore' ? { label: 'dotnet restore', manifests: null, advice: 'the project files (*.csproj)' } : null;
  }
  if (call?.manager !== 'pip' || call.subcommand !== 'install') return null;
  const file = optionValue(call, ['-r', '--requirement']);
  if (!file || file.includes('$')) return null;
  // A requirements file in a folder can include its neighbours: say what to copy, offer no move.
  return { label: 'pip install -r', manifests: file.includes('/') ? null : [file], advice: file };
}

/** The words of a COPY or ADD (exec form decoded). */
function copyWords(instruction: InstructionModel): string[] {
  return instruction.form === 'exec' ? (instruction.execArgs ?? []) : instruction.args.map((a) => a.value);
}

/** True for a COPY/ADD of the whole build context (`COPY . .`, `ADD ./ /app`). */
function copiesWholeContext(instruction: InstructionModel): boolean {
  if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flags.some((f) => f.name === 'from')) return false;
  const words = copyWords(instruction);
  return words.length === 2 && (words[0] === '.' || words[0] === './');
}

export const copyAllBeforeInstall: Rule = defineRule({
  id: 'copy-all-before-install',
  title: 'The whole context copied before a dependency install',
  severity: 'info',
  docs: {
    catches: 'A `COPY . .` (the whole build context) followed in the same stage by a dependency install that only needs the manifests: `npm ci`, `pip install -r requirements.txt`, `go mod download`, `bundle install` and the like.',
    why: 'BuildKit reuses a COPY only while every file it copies is unchanged, and each step after one that rebuilt rebuilds too. With the whole context copied first, an edit to any source file reruns the install. Copy the manifest and its lock file, install, and copy the rest afterwards: the slow install then stays cached until the dependencies change.',
    bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]',
    notes: 'The quick fix, offered when the install is a single command right after the COPY, moves it before a COPY of the manifests; lock files carry a trailing `*` so that a project without one still builds. Installs that need the sources as well (`cargo build`, `mvn package`, `dotnet restore`) and requirements files in a folder get the advice without a fix. Only the stage of the COPY is looked at.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const copy = stage.instructions.find(copiesWholeContext);
      if (!copy) continue;
      for (const run of stage.instructions.slice(stage.instructions.indexOf(copy) + 1)) {
        if (run.keyword !== 'RUN') continue;
        const calls = runInvocations(model, run);
        const commands = runCommands(model, run);
        const found = commands.map((c) => ({ at: c, installer: installerOf(c, calls) })).find((f) => f.installer !== null);
        if (!found?.installer) continue;
        const { installer } = found;
        const dest = copyWords(copy)[1];
        const destDir = dest === '.' || dest === './' ? './' : dest.endsWith('/') ? dest : `${dest}/`;
        const movable = installer.manifests !== null && nextInStage(model, copy) === run && run.form === 'shell' && run.heredocs.length === 0 && commands.length === 1 && copy.form === 'shell';
        const keptFlags = copy.flags.filter((f) => !['exclude', 'parents'].includes(f.name)).map((f) => `${model.textAt(f.range)} `).join('');
        const fix = movable
          ? { fixes: [{ title: `Copy ${installer.advice} and install before copying the rest`, edits: moveEdits(model, run, copy, `COPY ${keptFlags}${installer.manifests!.join(' ')} ${destDir}\n`) }] }
          : undefined;
        report(
          copy.range,
          `This copies the whole context before \`${installer.label}\` (line ${run.range.start.line + 1}), so a change to any file reruns the install: copy ${installer.advice} first, install, then copy the rest.`,
          fix,
        );
        break;
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// apt-get update in a RUN of its own.

const APT = new Set(['apt-get', 'apt', 'aptitude']);
const APT_INSTALLS = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall']);
const aptUpdate = (i: Invocation) => APT.has(i.manager) && i.subcommand === 'update';
/** True for an apt call that installs or upgrades packages. */
export const aptInstall = (i: Invocation) => APT.has(i.manager) && APT_INSTALLS.has(i.subcommand);

type LoneUpdate = { update: Invocation; install: InstructionModel } | null;
const loneUpdates = new WeakMap<DockerfileModel, Map<InstructionModel, LoneUpdate>>();

/** The `apt-get update` of a RUN that installs nothing after it, and the later RUN of its stage that installs. */
function loneUpdate(model: DockerfileModel, run: InstructionModel): LoneUpdate {
  let known = loneUpdates.get(model);
  if (!known) loneUpdates.set(model, (known = new Map()));
  let found = known.get(run);
  if (found === undefined) known.set(run, (found = findLoneUpdate(model, run)));
  return found;
}

function findLoneUpdate(model: DockerfileModel, run: InstructionModel): LoneUpdate {
  if (run.parent) return null;
  const calls = runInvocations(model, run);
  const update = calls.find(aptUpdate);
  if (!update) return null;
  const installs = new Set(calls.filter(aptInstall).map((i) => i.at));
  if (laterInRun(allCommands(model), update.at, 'apt-install', (c) => installs.has(c))) return null;
  const list = model.stages[run.stageIndex]?.instructions ?? [];
  // The scan stops at the next RUN that calls apt, so each RUN is passed over by one scan at most.
  for (let n = placeInStage(model, run) + 1; n < list.length; n++) {
    const later = list[n];
    if (later.keyword !== 'RUN') continue;
    const first = runInvocations(model, later).find((i) => aptUpdate(i) || aptInstall(i));
    if (first) return aptInstall(first) ? { update, install: later } : null;
  }
  return null;
}

/** True for a RUN that is only an `apt-get update` whose install follows in a later RUN (consecutive-run leaves it to apt-get-update-alone). */
export function isLoneAptUpdate(model: DockerfileModel, run: InstructionModel): boolean {
  return run.keyword === 'RUN' && loneUpdate(model, run) !== null;
}

export const aptUpdateAlone: Rule = defineRule({
  id: 'apt-get-update-alone',
  title: 'apt-get update in a RUN of its own',
  severity: 'info',
  docs: {
    catches: 'A RUN that runs `apt-get update` (or `apt update`) without installing anything after it, when a later RUN of the stage installs.',
    why: 'The layer of `RUN apt-get update` is cached like any other. When the install below it changes (one more package), the install runs against the package lists of the day that layer was built, and can fail to find versions the mirrors have since dropped, or install old ones. Updating and installing in one RUN refreshes the lists whenever the install changes.',
    bad: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    good: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    notes: 'The quick fix joins the two when the update RUN is that one command without flags: it deletes it and starts the install RUN with `apt-get update &&`. consecutive-run does not report the pair as well.',
  },
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const found = loneUpdate(model, instruction);
      if (!found) continue;
      const { update, install } = found;
      const joinable =
        instruction.flags.length === 0 && instruction.form === 'shell' && runCommands(model, instruction).length === 1 && install.form === 'shell' && install.heredocs.length === 0 && install.args.length > 0;
      const fix = joinable
        ? {
            fixes: [
              {
                title: 'Run apt-get update in the RUN that installs',
                edits: [{ range: wholeLines(instruction), newText: '' }, insertAt(install.args[0].range.start, `${update.at.command.nameWord?.value ?? 'apt-get'} update && `)],
              },
            ],
          }
          : undefined;
      report(update.at.range, `This update is cached on its own, so the install on line ${install.range.start.line + 1} can run against stale package lists: update and install in the same RUN.`, fix);
    }
  },
});

// ---------------------------------------------------------------------------------------------
// An ARG declared well before its first use.

export const argDeclaredEarly: Rule = defineRule({
  id: 'arg-declared-early',
  title: 'A build arg declared long before its first use',
  severity: 'hint',
  docs: {
    catches: 'An ARG in a stage with RUNs between it and the first instruction that uses it.',
    why: 'From its declaration on, BuildKit puts a build arg into the environment of every RUN, used or not, so its value is part of each of their cache keys. A new value then rebuilds the RUNs before its first use too, for nothing. Declared just before its first use, it invalidates only the steps that need it.',
    bad: 'FROM alpine:3.20\nARG VERSION=1.0\nRUN apk add --no-cache build-base\nRUN echo "building $VERSION"',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache build-base\nARG VERSION=1.0\nRUN echo "building $VERSION"',
    notes: 'An ARG nothing names later is left alone: a script can read it from the environment. A RUN in between that runs such a script needs it too; the rule cannot see that, hence the hint severity. The automatic platform ARGs are not reported. The quick fix moves an ARG that declares one name.',
  },
  check({ model, report }) {
    for (const stage of model.stages) {
      const list = stage.instructions;
      // One pass from the end: the next use of each name, and RUNs counted from the end, so an
      // ARG's distance to its first use is a lookup (a scan per ARG was quadratic).
      const runsFrom = new Array<number>(list.length + 1).fill(0);
      const nextUse = new Map<string, number>();
      const found: { at: number; arg: InstructionModel; property: InstructionModel['properties'][number]; use: number }[] = [];
      for (let n = list.length - 1; n >= 0; n--) {
        const instruction = list[n];
        runsFrom[n] = runsFrom[n + 1] + (instruction.keyword === 'RUN' ? 1 : 0);
        if (instruction.keyword === 'ARG') {
          for (const property of instruction.properties) {
            const use = nextUse.get(property.name);
            if (use !== undefined && !getPredefinedArg(property.name)) found.push({ at: n, arg: instruction, property, use });
          }
        }
        for (const ref of expandedVariableRefs(model, instruction)) nextUse.set(ref.name, n);
      }
      // Found last to first; reported in document order, an ARG's names in their order.
      found.sort((a, b) => a.at - b.at || a.property.nameRange.start.character - b.property.nameRange.start.character);
      for (const { at, arg, property, use: useAt } of found) {
        const use = list[useAt];
        const runs = runsFrom[at + 1] - runsFrom[useAt];
        if (runs === 0) continue;
        const line = use.range.start.line + 1;
        const fix = arg.properties.length === 1 ? { fixes: [{ title: `Move ARG ${property.name} to line ${line}`, edits: moveEdits(model, arg, use) }] } : undefined;
        const count = runs === 1 ? 'the RUN' : `the ${runs} RUNs`;
        report(property.nameRange, `A new value of ${property.name} rebuilds ${count} before its first use (line ${line}) as well: declare it just before that line.`, fix);
      }
    }
  },
});

// ---------------------------------------------------------------------------------------------
// ADD of a remote URL without --checksum.

const isGitUrl = (url: string) => url.startsWith('git@') || url.endsWith('.git') || url.includes('.git#');

export const addUrlChecksum: Rule = defineRule({
  id: 'add-url-without-checksum',
  title: 'ADD of a remote file without --checksum',
  severity: 'info',
  docs: {
    catches: '`ADD https://...` (or `http://`) of a file without `--checksum=sha256:...`.',
    why: 'Without a checksum BuildKit asks the server on every build whether the file changed, and when it did, the step and every step after it rebuild with whatever was downloaded. With `--checksum` the cache key is the checksum itself: no request while the step is cached, and a file that does not match fails the build instead of changing the image unnoticed.',
    bad: 'FROM alpine:3.20\nADD https://example.com/tool-1.2.tar.gz /opt/',
    good: `FROM alpine:3.20\nADD --checksum=sha256:${'0123456789abcdef'.repeat(4)} https://example.com/tool-1.2.tar.gz /opt/`,
    notes: 'Git URLs are not reported (pin them with a commit in the URL). `--checksum` for HTTP sources needs Dockerfile syntax 1.6 or later, which Docker Engine 24 and later include.',
  },
  check({ model, report }) {
    for (const top of model.instructions) {
      const add = top.trigger ?? top;
      if (add.keyword !== 'ADD' || add.flags.some((f) => f.name === 'checksum')) continue;
      const words = add.form === 'exec' ? [] : add.args.slice(0, -1);
      for (const word of words) {
        const url = word.value;
        if (!/^https?:\/\//i.test(url) || isGitUrl(url)) continue;
        report(word.range, `Add \`--checksum=sha256:...\` to pin ${quoted(url, '`')}: without it every build asks the server again, and a changed file silently rebuilds this step and the ones after it.`);
      }
    }
  },
});

export const CACHE_RULES: Rule[] = [copyAllBeforeInstall, aptUpdateAlone, argDeclaredEarly, addUrlChecksum];
