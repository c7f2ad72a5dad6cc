/**
 * Settings and custom messages shared by the client and the server (types and defaults only).
 * To add a setting: add it to `StudioSettings` and `DEFAULT_SETTINGS`, contribute it in
 * package.json under `dockerfileStudio.*` with the same default, and read it through the
 * per-document settings the server pulls.
 */

import { isRuleSeverity, type RuleSeverity } from '../service';

/** Everything the server reads per document, under the `dockerfileStudio` section. */
export interface StudioSettings {
  hover: {
    /** Show the long sections (cache, pitfalls, example) or only the summary and syntax. */
    details: boolean;
  };
  diagnostics: {
    /** Lint open Dockerfiles and publish the findings. */
    enabled: boolean;
    /** Severity per rule id (`off` turns a rule off); these win over the project config file. */
    severities: Record<string, RuleSeverity>;
  };
  build: {
    /**
     * The build context folder, relative to the Dockerfile's folder; empty: that folder. The
     * server only reads the context's `.dockerignore` from it (a regular file under a size cap).
     */
    context: string;
  };
}

/** Defaults; the server fills any missing or malformed value from here. */
export const DEFAULT_SETTINGS: StudioSettings = {
  hover: { details: true },
  diagnostics: { enabled: true, severities: {} },
  build: { context: '' },
};

/** Reads whatever the client sent into a complete settings object, never throwing. */
export function normalizeSettings(raw: unknown): StudioSettings {
  const section = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const hover = (typeof section.hover === 'object' && section.hover !== null ? section.hover : {}) as Record<string, unknown>;
  const diagnostics = (typeof section.diagnostics === 'object' && section.diagnostics !== null ? section.diagnostics : {}) as Record<string, unknown>;
  const build = (typeof section.build === 'object' && section.build !== null ? section.build : {}) as Record<string, unknown>;
  const severities: Record<string, RuleSeverity> = {};
  if (typeof diagnostics.severities === 'object' && diagnostics.severities !== null) {
    // An unknown severity string is dropped (the rule keeps its default), never thrown.
    for (const [id, value] of Object.entries(diagnostics.severities as Record<string, unknown>)) {
      if (isRuleSeverity(value)) severities[id] = value;
    }
  }
  return {
    hover: {
      details: typeof hover.details === 'boolean' ? hover.details : DEFAULT_SETTINGS.hover.details,
    },
    diagnostics: {
      enabled: typeof diagnostics.enabled === 'boolean' ? diagnostics.enabled : DEFAULT_SETTINGS.diagnostics.enabled,
      severities,
    },
    build: {
      context: typeof build.context === 'string' ? build.context.trim() : DEFAULT_SETTINGS.build.context,
    },
  };
}

/**
 * Server -> client request: the environments the local engine's images set, for UndefinedVar
 * (BuildKit reads a base image's ENV from its config). The client answers with what
 * `docker image inspect` says; the server only sends it when the client said it can answer
 * (`initializationOptions.imageEnv === true`).
 */
export const IMAGE_ENV_REQUEST = 'dockerfileStudio/imageEnv';

/** The image references (after resolving global ARGs) the server wants to know about. */
export interface ImageEnvParams {
  images: string[];
}

/** Per image: its config's `NAME=value` entries, or null when the engine or the image is missing. */
export type ImageEnvResult = Record<string, string[] | null>;

/** What the client tells the server at start, beside the settings. */
export interface StudioInitializationOptions {
  /** The client answers IMAGE_ENV_REQUEST. */
  imageEnv?: boolean;
}

export * from './build';
