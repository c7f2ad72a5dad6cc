/**
 * The shell side of RUN for the practice rules: every RUN (ONBUILD triggers included) read into
 * simple commands once per model, with document ranges, heredoc bodies read as the scripts they
 * are, and words resolved through the Dockerfile's ARG/ENV before a rule judges them.
 */
import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, InstructionModel, StageModel } from '../../../model';
import { basename, readShell, type ShellCommand, type ShellScript, type ShellWord } from '../../../shell';
import { trimTrailingSlashes } from '../../../text';

/** One script of a RUN: its shell-form line, a heredoc body, or its exec form. */
export interface RunScript {
  run: InstructionModel;
  script: ShellScript;
  source: 'shell' | 'heredoc' | 'exec';
  /** Document range of script offsets (exec form: the whole argument range). */
  rangeOf(start: number, end: number): Range;
}

/** A command with where it came from. */
export interface RunCommand {
  command: ShellCommand;
  script: RunScript;
  run: InstructionModel;
  range: Range;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/**
 * Scripts and commands per RUN. The model keeps an instruction object across edits that do not
 * touch it, so this cache survives typing elsewhere; it is keyed by the instruction's first line
 * too, because lines added above move its ranges (its own text, and so its columns, are unchanged).
 */
interface RunEntry {
  line: number;
  scripts: RunScript[];
  commands?: RunCommand[];
}
const runEntries = new WeakMap<InstructionModel, RunEntry>();
const runCache = new WeakMap<DockerfileModel, InstructionModel[]>();
const commandCache = new WeakMap<DockerfileModel, RunCommand[]>();

/** Every RUN of the document in order, ONBUILD RUN triggers included. */
export function runInstructions(model: DockerfileModel): InstructionModel[] {
  let runs = runCache.get(model);
  if (!runs) {
    runs = [];
    for (const instruction of model.instructions) {
      const target = instruction.keyword === 'ONBUILD' ? instruction.trigger : instruction;
      if (target?.keyword === 'RUN') runs.push(target);
    }
    runCache.set(model, runs);
  }
  return runs;
}

function runEntry(model: DockerfileModel, run: InstructionModel): RunEntry {
  let entry = runEntries.get(run);
  if (!entry || entry.line !== run.range.start.line) {
    entry = { line: run.range.start.line, scripts: readRun(model, run) };
    runEntries.set(run, entry);
  }
  return entry;
}

/** The scripts of one RUN, read once. */
export function runScripts(model: DockerfileModel, run: InstructionModel): RunScript[] {
  return runEntry(model, run).scripts;
}

/** Every command of one RUN with its document range. */
export function runCommands(model: DockerfileModel, run: InstructionModel): RunCommand[] {
  const entry = runEntry(model, run);
  return (entry.commands ??= entry.scripts.flatMap((script) =>
    script.script.commands.map((command) => ({ command, script, run, range: script.rangeOf(command.start, command.end) })),
  ));
}

/** Every command of every RUN. */
export function allCommands(model: DockerfileModel): RunCommand[] {
  let commands = commandCache.get(model);
  if (!commands) {
    commands = runInstructions(model).flatMap((run) => runCommands(model, run));
    commandCache.set(model, commands);
  }
  return commands;
}

function readRun(model: DockerfileModel, run: InstructionModel): RunScript[] {
  if (run.args.length === 0) return [];
  const argsStart = model.offsetAt(run.args[0].range.start);
  if (run.form === 'exec') {
    const whole: Range = { start: run.args[0].range.start, end: run.args[run.args.length - 1].range.end };
    const argv = run.execArgs ?? [];
    // `["sh", "-c", "script"]` runs a script; anything else is one command.
    const dashC = argv.indexOf('-c');
    const text =
      dashC > 0 && SHELLS.has(basename(argv[0])) && argv[dashC + 1] !== undefined
        ? argv[dashC + 1]
        : argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    return [{ run, script: readShell(text), source: 'exec', rangeOf: () => whole }];
  }
  const first = run.heredocs[0];
  const lineEnd = first ? model.offsetAt(first.contentRange?.start ?? first.endRange?.start ?? run.range.end) : model.offsetAt(run.range.end);
  const line = readShell(model.text.slice(argsStart, lineEnd), { dockerfile: true, escape: model.escapeChar });
  const scripts: RunScript[] = [{ run, script: line, source: 'shell', rangeOf: mapper(model.text.slice(argsStart, lineEnd), run.args[0].range.start) }];
  for (const heredoc of run.heredocs) {
    if (!heredoc.contentRange || !isScriptHeredoc(line, heredoc.name, heredoc.content)) continue;
    const script = readShell(heredoc.content);
    scripts.push({ run, script, source: 'heredoc', rangeOf: mapper(heredoc.content, heredoc.contentRange.start) });
  }
  return scripts;
}

/**
 * A heredoc body is a script when the RUN line runs it (`RUN <<EOF`, `RUN bash <<EOF`) and its
 * shebang, if any, names a shell; `RUN python3 <<EOF` or `cat <<EOF > file` carry data.
 */
function isScriptHeredoc(line: ShellScript, name: string, content: string): boolean {
  const owner = line.commands.find((c) => c.redirects.some((r) => r.value.replace(/^<<-?/, '') === name));
  if (!owner) return false;
  if (owner.name !== '' && (!SHELLS.has(owner.name) || owner.args.some((a) => a.value === '-c'))) return false;
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(content);
  if (!shebang) return true;
  const interpreter = basename(shebang[1]) === 'env' ? shebang[2] ?? '' : basename(shebang[1]);
  return SHELLS.has(interpreter);
}

/** Maps offsets in `text` (which starts at `origin` in the document) to document ranges. */
function mapper(text: string, origin: Range['start']): (start: number, end: number) => Range {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const positionAt = (offset: number): Range['start'] => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low === 0
      ? { line: origin.line, character: origin.character + offset }
      : { line: origin.line + low, character: offset - starts[low] };
  };
  return (start, end) => ({ start: positionAt(start), end: positionAt(end) });
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * A word's value with the Dockerfile's ARG/ENV substituted, split into words; null when it uses
 * a variable (or command substitution) whose value is not known statically.
 */
export function resolveWord(model: DockerfileModel, run: InstructionModel, word: ShellWord): string[] | null {
  if (!word.value.includes('$') && !word.value.includes('`')) return [word.value];
  if (word.value.includes('$(') || word.value.includes('`')) return null;
  for (const match of word.value.matchAll(VARIABLE)) {
    if (model.resolveVariable(match[1] ?? match[2], run).value === null) return null;
  }
  const value = model.expand(word.raw, run);
  return word.quoted ? [value] : value.split(/\s+/).filter((w) => w !== '');
}

/** The value of a RUN --mount option, by any of its names. */
function mountOption(options: { name: string; value: string | null }[], names: string[]): string | null {
  return options.find((o) => names.includes(o.name.toLowerCase()))?.value ?? null;
}

/** The targets of the RUN's cache and tmpfs mounts (trailing slashes removed). */
export function cacheMountTargets(run: InstructionModel): string[] {
  return run.mounts
    .filter((m) => m.type === 'cache' || m.type === 'tmpfs')
    .map((m) => mountOption(m.options, ['target', 'dst', 'destination']))
    .filter((t): t is string => t !== null)
    .map((t) => t.replace(/^["']|["']$/g, '')).map(trimTrailingSlashes);
}

/** True when a cache or tmpfs mount covers one of the directories (the mount may be a parent). */
export function cacheMounted(run: InstructionModel, dirs: string[]): boolean {
  return cacheMountTargets(run).some((t) => dirs.some((d) => d === t || d.startsWith(`${t}/`)));
}

const buildKitCache = new WeakMap<DockerfileModel, boolean>();

/**
 * True when the file already uses BuildKit-only syntax, so a cache mount is a natural suggestion.
 * Worked out once per model: rules ask for each finding, and a scan each time was quadratic.
 */
export function usesBuildKit(model: DockerfileModel): boolean {
  let uses = buildKitCache.get(model);
  if (uses === undefined) {
    uses = model.directives.some((d) => d.name === 'syntax') || model.instructions.some((i) => i.mounts.length > 0 || i.heredocs.length > 0);
    buildKitCache.set(model, uses);
  }
  return uses;
}

/**
 * True when a stage's files can end up in a shipped image: the last stage, a stage another FROM
 * builds on, or code before any FROM. Caches left in a builder stage cost nothing.
 */
export function isShippedStage(model: DockerfileModel, stageIndex: number): boolean {
  if (stageIndex < 0 || stageIndex >= model.stages.length - 1) return true;
  return model.stages.some((s) => s.parentStage === stageIndex);
}

/** True for a RUN inside ONBUILD (it runs in every image built from this one). */
export function isTrigger(run: InstructionModel): boolean {
  return run.parent !== null;
}

/** The stage and its ancestors by FROM, nearest first. */
export function stageChain(model: DockerfileModel, stage: StageModel | undefined): StageModel[] {
  const chain: StageModel[] = [];
  const seen = new Set<number>();
  while (stage && !seen.has(stage.index)) {
    chain.push(stage);
    seen.add(stage.index);
    stage = stage.parentStage === null ? undefined : model.stages[stage.parentStage];
  }
  return chain;
}

/**
 * True when a command passing `test` comes after `after` in the same RUN (a later script, or
 * later in the same script). `key` names the test: the answer per RUN and key is worked out
 * once, so asking for each of 100,000 calls in one RUN stays linear (it was quadratic).
 */
export function laterInRun(all: RunCommand[], after: RunCommand, key: string, test: (c: RunCommand) => boolean): boolean {
  const order = runOrder(all, after.run);
  let last = order.last.get(key);
  if (last === undefined) {
    last = null;
    for (const c of order.own) {
      const at: [number, number] = [order.scriptIndex.get(c.script)!, c.command.start];
      if (test(c) && (last === null || later(at, last))) last = at;
    }
    order.last.set(key, last);
  }
  return last !== null && later(last, [order.scriptIndex.get(after.script)!, after.command.start]);
}

/** Compares (script index, offset) pairs: true when `a` comes after `b`. */
const later = (a: readonly [number, number], b: readonly [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

/** One RUN's commands, the order of its scripts, and the last command passing each keyed test. */
interface RunOrder {
  own: RunCommand[];
  scriptIndex: Map<RunScript, number>;
  last: Map<string, [number, number] | null>;
}

const runOrderCache = new WeakMap<RunCommand[], Map<InstructionModel, RunOrder>>();

function runOrder(all: RunCommand[], run: InstructionModel): RunOrder {
  let byRun = runOrderCache.get(all);
  if (!byRun) runOrderCache.set(all, (byRun = new Map()));
  let order = byRun.get(run);
  if (!order) {
    const own = commandsByRun(all).get(run) ?? [];
    const scriptIndex = new Map<RunScript, number>();
    for (const c of own) if (!scriptIndex.has(c.script)) scriptIndex.set(c.script, scriptIndex.size);
    byRun.set(run, (order = { own, scriptIndex, last: new Map() }));
  }
  return order;
}

// Commands grouped by their RUN, per command list: rules ask about one RUN at a time, and
// scanning the whole file's commands for each made them quadratic in the number of RUNs.
const byRunCache = new WeakMap<RunCommand[], Map<InstructionModel, RunCommand[]>>();

function commandsByRun(all: RunCommand[]): Map<InstructionModel, RunCommand[]> {
  let byRun = byRunCache.get(all);
  if (!byRun) {
    byRun = new Map();
    for (const c of all) {
      const list = byRun.get(c.run);
      if (list) list.push(c);
      else byRun.set(c.run, [c]);
    }
    byRunCache.set(all, byRun);
  }
  return byRun;
}

