/**
 * Why each step of a build missed the cache, by comparing its record with the previous build of
 * the same Dockerfile and target. A step's own change (its text, a build arg that reaches its
 * key, its source files, its base image) is named before the cascade, since it alone made it
 * miss; otherwise the first step that missed earlier in its stage (or a stage it builds on) is
 * the cause; a `COPY --from` / `RUN --mount from=` that missed after its source stage rebuilt
 * says its files changed (BuildKit compares those files by content, so one that stayed cached
 * gets no cause at all); and what nothing here explains is said to be unknown.
 */
import type { BuildRecord, Cause, CauseKind, StepInputs, StepRecord } from '../../protocol';
import { excerpt } from '../safeText';

/** How the build was run. */
export interface ExplainOptions {
  noCache: boolean;
}

/** File names named in a detail sentence; the cause's `files` holds them all. */
const NAMED_FILES = 5;

function cause(kind: CauseKind, detail: string, files: string[] = [], causeLine: number | null = null): Cause {
  return { kind, detail, files, causeLine };
}

const q = (text: string) => `"${excerpt(text)}"`;

/** Each current step's previous step: the same stage and text first, then the same place in its stage. */
function matchSteps(previous: StepRecord[], current: StepRecord[]): { step: StepRecord | null; sameText: boolean }[] {
  const byText = new Map<string, number[]>();
  previous.forEach((step, i) => {
    const key = `${step.stage}\0${step.instruction}`;
    const list = byText.get(key);
    if (list) list.push(i);
    else byText.set(key, [i]);
  });
  const used = new Set<number>();
  const out = current.map((step) => {
    const list = byText.get(`${step.stage}\0${step.instruction}`);
    const index = list?.shift();
    if (index === undefined) return { step: null, sameText: false };
    used.add(index);
    return { step: previous[index], sameText: true };
  });
  const byPlace = new Map<string, number>();
  const place = (steps: StepRecord[]) => {
    const counts = new Map<string, number>();
    return steps.map((step) => {
      const n = counts.get(step.stage) ?? 0;
      counts.set(step.stage, n + 1);
      return `${step.stage}\0${n}`;
    });
  };
  place(previous).forEach((key, i) => byPlace.set(key, i));
  place(current).forEach((key, i) => {
    const index = byPlace.get(key);
    if (out[i].step === null && index !== undefined && !used.has(index)) {
      used.add(index);
      out[i] = { step: previous[index], sameText: false };
    }
  });
  return out;
}

/** The parent stage of each stage, read from its FROM step's `parent` invalidation. */
function parentStages(steps: StepRecord[]): Map<string, string> {
  const parents = new Map<string, string>();
  for (const step of steps) {
    const parent = step.keyword === 'FROM' ? step.rebuildsWhen.find((i) => i.kind === 'parent') : undefined;
    if (parent) parents.set(step.stage, parent.subject);
  }
  return parents;
}

/** The stage and the stages it builds on, nearest first. */
function chain(stage: string, parents: Map<string, string>): string[] {
  const out = [stage];
  for (let at = parents.get(stage); at !== undefined && !out.includes(at); at = parents.get(at)) out.push(at);
  return out;
}

function argsChange(before: Record<string, string>, after: Record<string, string>): Cause | null {
  const has = (r: Record<string, string>, k: string) => Object.prototype.hasOwnProperty.call(r, k);
  const changed = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((k) => !has(before, k) || !has(after, k) || before[k] !== after[k]);
  if (changed.length === 0) return null;
  const name = changed[0];
  const first = !has(before, name)
    ? `Build arg ${name} is now ${q(after[name])} (it had no value in the previous build)`
    : !has(after, name)
      ? `Build arg ${name} no longer has a value (it was ${q(before[name])})`
      : `Build arg ${name} changed from ${q(before[name])} to ${q(after[name])}`;
  const more = changed.length > 1 ? ` (and ${changed.length - 1} more: ${changed.slice(1, 1 + NAMED_FILES).join(', ')})` : '';
  return cause('build-arg-changed', `${first}${more}.`);
}

function filesChange(before: StepInputs['files'], after: StepInputs['files']): Cause | null {
  if (!before || !after || before.digest === after.digest) return null;
  if (!before.perFile || !after.perFile) {
    const was = before.count === after.count ? '' : ` (${before.count} in the previous build)`;
    return cause('files-changed', `Its ${after.count} source files${was} differ from the previous build's; there were too many to keep a digest per file, so which ones changed is not known.`);
  }
  const was = before.perFile;
  const now = after.perFile;
  const has = (r: Record<string, string>, k: string) => Object.prototype.hasOwnProperty.call(r, k);
  const labelled: [string, string][] = [];
  for (const name of Object.keys(now)) {
    if (!has(was, name)) labelled.push([name, 'added']);
    else if (was[name] !== now[name]) labelled.push([name, 'changed']);
  }
  for (const name of Object.keys(was)) if (!has(now, name)) labelled.push([name, 'removed']);
  labelled.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (labelled.length === 0) {
    return cause('files-changed', 'Its source files differ from the previous build\'s in something other than their content (names, modes or owners).');
  }
  const named = labelled.slice(0, NAMED_FILES).map(([name, how]) => `${excerpt(name)} (${how})`).join(', ');
  const rest = labelled.length > NAMED_FILES ? ` and ${labelled.length - NAMED_FILES} more` : '';
  const count = labelled.length === 1 ? 'A source file differs' : `${labelled.length} source files differ`;
  return cause('files-changed', `${count} from the previous build: ${named}${rest}.`, labelled.map(([name]) => name));
}

function baseChange(before: StepInputs['base'], after: StepInputs['base']): Cause | null {
  if (!before || !after) return null;
  const short = (id: string) => {
    const bare = id.slice(id.lastIndexOf('@') + 1);
    return bare.startsWith('sha256:') ? bare.slice(0, 'sha256:'.length + 12) : excerpt(bare);
  };
  const by = before.digest && after.digest ? 'digest' : before.id && after.id ? 'id' : null;
  if (!by || before[by] === after[by]) return null;
  return cause('base-image-changed', `The base image ${excerpt(after.ref)} changed: its ${by} was ${short(before[by]!)}, now ${short(after[by]!)}.`);
}

/** Why the step that missed did not come from the cache, when nothing above named a reason. */
function unexplained(before: StepRecord): Cause {
  if (before.error !== null) return cause('unknown', 'It failed in the previous build, so there was no cached result to reuse.');
  if (before.cached === null) return cause('unknown', 'It did not run in the previous build (the build stopped before it), so there was no cached result to reuse.');
  return cause(
    'unknown',
    `It ${before.cached ? 'came from the cache' : 'was built'} in the previous build and nothing tracked here changed since (its text, build args, source files, base image, earlier steps); the builder's cache may have been pruned, or the build ran on another builder.`,
  );
}

/**
 * The cause of each step of `current` (null when it came from the cache or did not run),
 * compared with `previous`, the last build of the same Dockerfile and target (null: none).
 */
export function explainRebuilds(previous: BuildRecord | null, current: StepRecord[], options: ExplainOptions): (Cause | null)[] {
  if (options.noCache) return current.map((s) => (s.cached === false ? cause('no-cache', 'The build ran with --no-cache: no step may come from the cache.') : null));
  if (!previous) return current.map((s) => (s.cached === false ? cause('first-build', 'First build of this Dockerfile and target: there is no earlier build to compare with.') : null));
  const matches = matchSteps(previous.steps, current);
  const parents = parentStages(current);
  // The first missed step of each stage, and the first metadata instruction whose text changed.
  const firstMissed = new Map<string, number>();
  const firstEdited = new Map<string, number>();
  // BuildKit's FROM vertex only resolves the image: its cached flag flips between identical
  // builds (and one vertex serves every stage on the same image), so a FROM counts as missed only
  // when its base image or its text changed.
  const fromMissed = current.map((step, i) => step.keyword === 'FROM' && step.cached === false && (!matches[i].sameText || baseChange(matches[i].step?.inputs.base ?? null, step.inputs.base) !== null));
  current.forEach((step, i) => {
    if (step.cached === false && (step.keyword !== 'FROM' || fromMissed[i]) && !firstMissed.has(step.stage)) firstMissed.set(step.stage, i);
    if (step.cached === null && !matches[i].sameText && !firstEdited.has(step.stage)) firstEdited.set(step.stage, i);
  });
  const earliest = (stages: string[], before: number, from: Map<string, number>) => {
    let found = -1;
    for (const stage of stages) {
      const at = from.get(stage);
      if (at !== undefined && at < before && (found < 0 || at < found)) found = at;
    }
    return found;
  };

  return current.map((step, i) => {
    if (step.cached !== false || (step.keyword === 'FROM' && !fromMissed[i])) return null;
    const { step: before, sameText } = matches[i];
    if (!before) return cause('instruction-changed', `A new instruction: the previous build had no such step in stage ${excerpt(step.stage)}.`);
    if (!sameText) return cause('instruction-changed', `The instruction changed: it was ${q(before.instruction)}, now ${q(step.instruction)}.`);
    const own = argsChange(before.inputs.args, step.inputs.args) ?? filesChange(before.inputs.files, step.inputs.files) ?? baseChange(before.inputs.base, step.inputs.base);
    if (own) return own;
    const stages = chain(step.stage, parents);
    const missed = earliest(stages, i, firstMissed);
    if (missed >= 0) {
      const root = current[missed];
      return cause('parent-rebuilt', `Line ${root.line} (${q(root.instruction)}) rebuilt before it, and the steps after it in the stage rebuild with it.`, [], root.line);
    }
    for (const source of step.rebuildsWhen.filter((w) => w.kind === 'stage')) {
      const rebuilt = earliest(chain(source.subject, parents), current.length, firstMissed);
      if (rebuilt >= 0) {
        return cause('files-changed', `The files it takes from stage ${excerpt(source.subject)} changed: that stage rebuilt from line ${current[rebuilt].line} (${q(current[rebuilt].instruction)}).`);
      }
    }
    const edited = earliest(stages, i, firstEdited);
    if (edited >= 0) {
      const line = current[edited];
      return cause('instruction-changed', `Line ${line.line} (${q(line.instruction)}) changed, and it sets what the steps after it run with.`);
    }
    return unexplained(before);
  });
}
