/**
 * The project config file `.dockerfile-studio.json`, read by both the CLI and the language
 * server: per-rule severities and ignored paths. It is searched from the Dockerfile's folder
 * upwards, so the file at a repository's root covers every Dockerfile below it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_RULES, getRule, type RuleSeverity } from './service';
import { suggest } from './cli/explain';

export const CONFIG_FILE_NAME = '.dockerfile-studio.json';

/** What the config file may say. */
export interface ProjectConfig {
  /** The file it came from. */
  path: string;
  /** Severity per rule id (`off` turns a rule off). */
  rules: Record<string, RuleSeverity>;
  /** Path patterns (relative to the config file) the CLI skips. */
  ignore: string[];
  /** What was dropped while reading (unknown keys, severities, rule ids), one sentence each. */
  warnings: string[];
}

const KNOWN_KEYS = ['$schema', 'rules', 'ignore'];

const SEVERITIES: readonly string[] = ['off', 'hint', 'info', 'warning', 'error'];

/** Reads a config file's text into a ProjectConfig; throws on invalid JSON, drops (and names) unknown values. */
export function parseProjectConfig(text: string, path: string): ProjectConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const warnings: string[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`${path}: expected a JSON object such as {"rules": {}, "ignore": []}`);
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
        const hint = suggest(id, ALL_RULES.map((r) => r.id));
        warnings.push(`unknown rule '${id}'${hint ? `; did you mean '${hint}'?` : ''}`);
        continue;
      }
      if (typeof severity === 'string' && SEVERITIES.includes(severity)) rules[rule.id] = severity as RuleSeverity;
      else warnings.push(`rule '${id}': severity must be one of ${SEVERITIES.join(', ')}`);
    }
  }
  let ignore: string[] = [];
  if (object.ignore !== undefined && !Array.isArray(object.ignore)) warnings.push(`'ignore' must be an array of path patterns`);
  else if (Array.isArray(object.ignore)) {
    ignore = object.ignore.filter((p): p is string => typeof p === 'string');
    if (ignore.length !== object.ignore.length) warnings.push(`'ignore' entries must be strings; the others are dropped`);
  }
  return { path, rules, ignore, warnings };
}

/** Finds and reads the nearest config file above a Dockerfile; null when there is none; throws when it is unreadable or invalid. */
export function findProjectConfig(dockerfilePath: string): ProjectConfig | null {
  let dir = dirname(dockerfilePath);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    let text: string | null = null;
    try {
      text = readFileSync(candidate, 'utf8');
    } catch (error) {
      // Absent (or a folder of that name): keep looking upwards. Present but unreadable: say so.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw new Error(`${candidate}: cannot read (${code ?? String(error)})`);
    }
    if (text !== null) return parseProjectConfig(text, candidate);
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
