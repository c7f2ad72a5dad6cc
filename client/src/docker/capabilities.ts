/**
 * Picks the richest build mode the installation offers, from the output of `docker buildx version`
 * and `docker version --format '{{json .}}'`.
 */
import type { BuildMode } from './argv';

/** What the probes found. */
export interface Capabilities {
  mode: BuildMode;
  clientVersion: string | null;
  serverVersion: string | null;
  buildxVersion: string | null;
  /** Set when the engine did not answer (the message the CLI gave). */
  engineError: string | null;
}

function versionParts(text: string | null): number[] {
  return (/(\d+)\.(\d+)/.exec(text ?? '') ?? []).slice(1).map(Number);
}

/** Decides the mode: buildx 0.12+ gives rawjson, older buildx or a pre-23 client gives plain, otherwise legacy. */
export function chooseCapabilities(buildx: { code: number | null; stdout: string } | null, version: { code: number | null; stdout: string; stderr: string }): Capabilities {
  let clientVersion: string | null = null;
  let serverVersion: string | null = null;
  try {
    const parsed = JSON.parse(version.stdout.trim().split('\n')[0] || '{}') as { Client?: { Version?: string }; Server?: { Version?: string } | null };
    clientVersion = parsed.Client?.Version ?? null;
    serverVersion = parsed.Server?.Version ?? null;
  } catch {
    // An old client without JSON templates: the versions stay unknown.
  }
  const engineError = version.code === 0 && serverVersion !== null ? null : (version.stderr.trim() || 'the Docker engine did not answer');
  const buildxVersion = buildx && buildx.code === 0 ? (/v?(\d+\.\d+\.\d+\S*)/.exec(buildx.stdout)?.[1] ?? null) : null;
  const [bxMajor = 0, bxMinor = 0] = versionParts(buildxVersion);
  const [clientMajor = 0] = versionParts(clientVersion);
  let mode: BuildMode;
  if (buildxVersion !== null && (bxMajor > 0 || bxMinor >= 12)) mode = 'rawjson';
  // Clients before 23 have BuildKit built in; newer ones need the buildx plugin for it.
  else if (buildxVersion !== null || (clientMajor > 0 && clientMajor < 23)) mode = 'plain';
  else mode = 'legacy';
  return { mode, clientVersion, serverVersion, buildxVersion, engineError };
}
