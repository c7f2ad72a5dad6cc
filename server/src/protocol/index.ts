/**
 * Settings and custom messages shared by the client and the server: types and message names only,
 * a project of its own that imports nothing (client, server, CLI and the pure service all read it).
 * To add a setting: add it to `StudioSettings` here and to `DEFAULT_SETTINGS` (server/src/settings.ts),
 * contribute it in package.json under `dockerfileStudio.*` with the same default, and read it
 * through the per-document settings the server pulls.
 */

/** What a user can set per rule; `off` turns the rule off. */
export type RuleSeverity = 'off' | 'hint' | 'info' | 'warning' | 'error';

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
