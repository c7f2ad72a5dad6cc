/**
 * Instruction-local rules, cached. The model keeps an instruction object across edits that do
 * not touch it, so the raw findings of every `checkInstruction` rule are kept per instruction
 * object and reused while the instruction stays on the same line and its group's key is the same
 * (which local rules run, the escape character, the .dockerignore, and for a rule with a context
 * key, that key). After a one-character edit only the re-parsed instruction is checked again.
 * Severity and suppression are applied by the engine at each lint, since settings change
 * without the text changing.
 */
import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, InstructionModel } from '../model';
import type { FindingExtra, ImageEnvLookup, Rule, RuleContext } from './types';

/** What local rules read besides the model: the ignore file and the base images' environments. */
export interface LocalInputs {
  dockerignore: string | null;
  imageEnv?: ImageEnvLookup;
}

/** One raw finding of a local rule; `crash` marks a rule that threw on the instruction. */
export interface LocalFinding {
  /** Index of the rule in the list the lint ran. */
  rule: number;
  range: Range;
  message: string;
  extra?: FindingExtra;
  crash?: unknown;
}

/** Rules that share a cache key: those without a context key, or one rule with its own. */
interface Group {
  key: number;
  rules: number[];
  /** For a rule with an `instructionContextKey`: the key of each instruction. */
  keyOf?: (instruction: InstructionModel) => number;
}

interface Entry {
  line: number;
  /** Per group (by position): the key its findings were computed under, and the findings. */
  keys: number[];
  findings: LocalFinding[][];
}

/**
 * The raw findings of the local rules per instruction object, kept across the lints of a
 * document's versions. The service owns one; a lint given none starts empty and checks everything.
 */
export class LocalFindingsCache {
  readonly entries = new WeakMap<InstructionModel, Entry>();
  // Lint keys are interned to small numbers so the per-instruction check is one comparison.
  private readonly keyIds = new Map<string, number>();
  private nextKeyId = 0;

  /** The small number standing for a cache key. */
  keyId(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) {
      // Keys change when the rule set or a context changes (per stage for per-instruction keys);
      // a cap keeps a long session bounded (clearing only costs one full re-check).
      if (this.keyIds.size > 20000) this.keyIds.clear();
      id = this.nextKeyId++;
      this.keyIds.set(key, id);
    }
    return id;
  }
}

/**
 * The cache groups of one lint. Each rule with a context key is its own group, so a change of
 * one context (say, an ARG renamed) re-checks only that rule everywhere, not every local rule.
 */
function groups(
  model: DockerfileModel,
  rules: readonly Rule[],
  local: readonly number[],
  inputs: LocalInputs,
  cache: LocalFindingsCache,
): Group[] {
  const keyId = (key: string) => cache.keyId(key);
  const base: Group = { key: 0, rules: [] };
  const shared = [model.escapeChar, inputs.dockerignore ?? '\u0001'];
  const own: Group[] = [];
  for (const index of local) {
    const rule = rules[index];
    if (rule.instructionContextKey) {
      const key = keyId([...shared, rule.id].join('\u0000'));
      const perInstruction = rule.instructionContextKey(model, { imageEnv: inputs.imageEnv });
      // Instructions of one stage share a key: join it with the group's once per distinct key.
      const joined = new Map<string, number>();
      const keyOf = (instruction: InstructionModel) => {
        const own = perInstruction(instruction);
        let full = joined.get(own);
        if (full === undefined) joined.set(own, (full = keyId(`${key}\u0000${own}`)));
        return full;
      };
      own.push({ key, rules: [index], keyOf });
    } else if (rule.contextKey) own.push({ key: keyId([...shared, rule.id, rule.contextKey(model)].join('\u0000')), rules: [index] });
    else {
      base.rules.push(index);
      shared.push(rule.id);
    }
  }
  base.key = keyId(shared.join('\u0000'));
  return [base, ...own];
}

/**
 * Runs the local rules (`rules[i]` for each index in `local`) over every top-level instruction,
 * reusing cached findings; returns the findings per instruction in document order. It pauses
 * (yields) after each instruction (a cold one can take a millisecond) so a caller can let other
 * work in; a pause costs ~0.1 µs.
 */
export function* lintLocal(
  model: DockerfileModel,
  rules: readonly Rule[],
  local: readonly number[],
  inputs: LocalInputs,
  cache: LocalFindingsCache,
): Generator<void, { instruction: InstructionModel; findings: LocalFinding[] }[], void> {
  const lintGroups = groups(model, rules, local, inputs, cache);
  const entries = cache.entries;
  const out: { instruction: InstructionModel; findings: LocalFinding[] }[] = [];
  for (const instruction of model.instructions) {
    yield;
    let entry = entries.get(instruction);
    const line = instruction.range.start.line;
    if (!entry || entry.line !== line) {
      entry = { line, keys: [], findings: [] };
      entries.set(instruction, entry);
    }
    let all: LocalFinding[] | null = null;
    for (const [position, group] of lintGroups.entries()) {
      const key = group.keyOf ? group.keyOf(instruction) : group.key;
      if (entry.keys[position] !== key) {
        entry.keys[position] = key;
        entry.findings[position] = check(model, instruction, rules, group.rules, inputs);
      }
      const found = entry.findings[position];
      // A loop, not a spread: one megabyte instruction can have more findings than a call takes arguments.
      if (found.length > 0) {
        all ??= [];
        for (const finding of found) all.push(finding);
      }
    }
    if (all) out.push({ instruction, findings: all });
  }
  return out;
}

function check(
  model: DockerfileModel,
  instruction: InstructionModel,
  rules: readonly Rule[],
  local: readonly number[],
  inputs: LocalInputs,
): LocalFinding[] {
  const findings: LocalFinding[] = [];
  let current = 0;
  const context: RuleContext = {
    model,
    dockerignore: inputs.dockerignore,
    imageEnv: inputs.imageEnv,
    report: (range, message, extra) => findings.push({ rule: current, range, message, extra }),
  };
  for (const index of local) {
    current = index;
    const before = findings.length;
    try {
      rules[index].checkInstruction!(instruction, context);
    } catch (error) {
      // The rule's findings on this instruction are dropped; the engine reports the crash once.
      findings.length = before;
      findings.push({ rule: index, range: instruction.range, message: '', crash: error });
    }
  }
  return findings;
}
