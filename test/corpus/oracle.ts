/** Shared by the corpus tests: real BuildKit's recorded answers (../shared/corpus/buildkit-oracle.json). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CORPUS = join(process.cwd(), '..', 'shared', 'corpus');

/** One file of the oracle. */
export interface OracleFile {
  path: string;
  checked: boolean;
  warnings: { rule: string; line: number | null; detail: string }[];
  error: { error: string; error_line: number | null } | null;
}

/** The oracle's files, as recorded. */
export function readOracle(): OracleFile[] {
  return (JSON.parse(readFileSync(join(CORPUS, 'buildkit-oracle.json'), 'utf8')) as { files: OracleFile[] }).files;
}

/** The 22 check names (from BuildKit's own check cases). */
export function checkNames(): Set<string> {
  const data = JSON.parse(readFileSync(join(CORPUS, 'buildkit-checks.json'), 'utf8')) as { rules: { name: string }[] };
  return new Set(data.rules.map((r) => r.name));
}

/** The environment of the oracle's busybox stand-in, which every base image resolved to. */
export const ORACLE_BASE_ENV = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

