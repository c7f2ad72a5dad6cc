/**
 * The project config file `.dockerfile-studio.json`: what it may say (per-rule severities and
 * ignored paths) and how its text is read. Where it is found, and how safely, is
 * projectContext.ts's business; this module never touches the disk.
 */
import { relative, resolve, sep } from 'node:path';
import { ALL_RULES, closest, getRule, isRuleSeverity, RULE_SEVERITIES, type RuleSeverity } from './service';
import { ignoreMatcher } from './cli/glob';

export const CONFIG_FILE_NAME = '.dockerfile-studio.json';

/** What the config file may say. */
export interface ProjectConfig {
  /** The file it came from. */
  path: string;
  /** Severity per rule id (`off` turns a rule off). */
  rules: Record<string, RuleSeverity>;
  /** Path patterns (relative to the config file) whose Dockerfiles are not linted, in the CLI or the editor. */
  ignore: string[];
  /** What was dropped while reading (unknown keys, severities, rule ids), one sentence each. */
  warnings: string[];
}

/** A config file's text read: the config, or why it cannot be used at all. */
export type ParsedConfig = { config: ProjectConfig; error?: undefined } | { config?: undefined; error: string };

const KNOWN_KEYS = ['$schema', 'rules', 'ignore'];

/** Reads a config file's text; invalid JSON is an error, unknown values are dropped and named. */
export function parseProjectConfig(text: string, path: string): ParsedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const warnings: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { error: 'expected a JSON object such as {"rules": {}, "ignore": []}' };
  }
  const object = raw as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!KNOWN_KEYS.includes(key)) warnings.push(`unknown key '${key}' (expected ${KNOWN_KEYS.slice(1).join(', ')})`);
  }
  const rules: Record<string, RuleSeverity> = {};
  if (object.rules !== undefined && (typeof object.rules !== 'object' || object.rules === null || Array.isArray(object.rules))) {
    warnings.push(`'rules' must be an object of rule id to severity`);
  } else if (object.rules) {
    for (const [id, severity] of Object.entries(object.rules as Record<string, unknown>)) {
      const rule = getRule(id);
      if (!rule) {
        const hint = closest(id, ALL_RULES.map((r) => r.id));
        warnings.push(`unknown rule '${id}'${hint ? `; did you mean '${hint}'?` : ''}`);
        continue;
      }
      if (isRuleSeverity(severity)) rules[rule.id] = severity;
      else warnings.push(`rule '${id}': severity must be one of ${RULE_SEVERITIES.join(', ')}`);
    }
  }
  let ignore: string[] = [];
  if (object.ignore !== undefined && !Array.isArray(object.ignore)) warnings.push(`'ignore' must be an array of path patterns`);
  else if (Array.isArray(object.ignore)) {
    ignore = object.ignore.filter((p): p is string => typeof p === 'string');
    if (ignore.length !== object.ignore.length) warnings.push(`'ignore' entries must be strings; the others are dropped`);
  }
  return { config: { path, rules, ignore, warnings } };
}

const matchers = new WeakMap<ProjectConfig, (path: string) => boolean>();

/** True when the config's `ignore` list covers the file (patterns are relative to the config's folder). */
export function configIgnores(config: ProjectConfig, absolutePath: string): boolean {
  if (config.ignore.length === 0) return false;
  const rel = relative(resolve(config.path, '..'), absolutePath);
  // Outside the config's folder (or on another drive): its patterns do not reach it.
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || resolve(rel) === rel) return false;
  let matcher = matchers.get(config);
  if (!matcher) matchers.set(config, (matcher = ignoreMatcher(config.ignore)));
  return matcher(rel.split(sep).join('/'));
}
