/**
 * The project config file `.dockerfile-studio.json`, read by both the CLI and the language
 * server: per-rule severities and ignored paths. It is searched from the Dockerfile's folder
 * upwards, so the file at a repository's root covers every Dockerfile below it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RuleSeverity } from './service/diagnostics/types';

export const CONFIG_FILE_NAME = '.dockerfile-studio.json';

/** What the config file may say. */
export interface ProjectConfig {
  /** The file it came from. */
  path: string;
  /** Severity per rule id (`off` turns a rule off). */
  rules: Record<string, RuleSeverity>;
  /** Path patterns (relative to the config file) the CLI skips. */
  ignore: string[];
}

const SEVERITIES: readonly string[] = ['off', 'hint', 'info', 'warning', 'error'];

/** Reads a config file's text into a ProjectConfig; unknown values are dropped, never thrown. */
export function parseProjectConfig(text: string, path: string): ProjectConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const object = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSeverity> = {};
  if (typeof object.rules === 'object' && object.rules !== null) {
    for (const [id, severity] of Object.entries(object.rules as Record<string, unknown>)) {
      if (typeof severity === 'string' && SEVERITIES.includes(severity)) rules[id] = severity as RuleSeverity;
    }
  }
  const ignore = Array.isArray(object.ignore) ? object.ignore.filter((p): p is string => typeof p === 'string') : [];
  return { path, rules, ignore };
}

/** Finds and reads the nearest config file above a Dockerfile; null when there is none. */
export function findProjectConfig(dockerfilePath: string): ProjectConfig | null {
  let dir = dirname(dockerfilePath);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    let text: string | null = null;
    try {
      text = readFileSync(candidate, 'utf8');
    } catch {
      text = null;
    }
    if (text !== null) return parseProjectConfig(text, candidate);
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
