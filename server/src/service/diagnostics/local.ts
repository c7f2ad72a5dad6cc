/**
 * Instruction-local rules, cached. The model keeps an instruction object across edits that do
 * not touch it, so the raw findings of every `checkInstruction` rule are kept per instruction
 * object and reused while the instruction stays on the same line and the lint's key (which local
 * rules run, their context keys, the escape character, the .dockerignore) is the same. After a one-character edit
 * only the re-parsed instruction is checked again. Severity and suppression are applied by the
 * engine at each lint, since settings change without the text changing.
 */
import type { Range } from 'vscode-languageserver-types';
import type { DockerfileModel, InstructionModel } from '../model';
import type { FindingExtra, Rule, RuleContext } from './types';

/** One raw finding of a local rule; `crash` marks a rule that threw on the instruction. */
export interface LocalFinding {
  /** Index of the rule in the list the lint ran. */
  rule: number;
  range: Range;
  message: string;
  extra?: FindingExtra;
  crash?: unknown;
}

interface Entry {
  line: number;
  key: number;
  findings: LocalFinding[];
}

const entries = new WeakMap<InstructionModel, Entry>();
// Lint keys are interned to small numbers so the per-instruction check is one comparison.
const keyIds = new Map<string, number>();
let nextKeyId = 0;

function keyId(key: string): number {
  let id = keyIds.get(key);
  if (id === undefined) {
    // Keys change only when the rule set or a context changes; a cap keeps a long session bounded.
    if (keyIds.size > 1000) keyIds.clear();
    id = nextKeyId++;
    keyIds.set(key, id);
  }
  return id;
}

/**
 * Runs the local rules (`rules[i]` for each index in `local`) over every top-level instruction,
 * reusing cached findings; returns the findings per instruction in document order.
 */
export function lintLocal(
  model: DockerfileModel,
  rules: readonly Rule[],
  local: readonly number[],
  dockerignore: string | null,
): { instruction: InstructionModel; findings: LocalFinding[] }[] {
  const parts = [model.escapeChar, dockerignore ?? '\u0001'];
  for (const index of local) {
    const rule = rules[index];
    parts.push(rule.id, rule.contextKey ? rule.contextKey(model) : '');
  }
  const key = keyId(parts.join('\u0000'));
  const out: { instruction: InstructionModel; findings: LocalFinding[] }[] = [];
  for (const instruction of model.instructions) {
    let entry = entries.get(instruction);
    const line = instruction.range.start.line;
    if (!entry || entry.line !== line || entry.key !== key) {
      entry = { line, key, findings: check(model, instruction, rules, local, dockerignore) };
      entries.set(instruction, entry);
    }
    if (entry.findings.length > 0) out.push({ instruction, findings: entry.findings });
  }
  return out;
}

function check(
  model: DockerfileModel,
  instruction: InstructionModel,
  rules: readonly Rule[],
  local: readonly number[],
  dockerignore: string | null,
): LocalFinding[] {
  const findings: LocalFinding[] = [];
  let current = 0;
  const context: RuleContext = {
    model,
    dockerignore,
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
