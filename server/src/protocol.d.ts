/**
 * Settings and custom messages shared by the client and the server (types and defaults only).
 * To add a setting: add it to `StudioSettings` and `DEFAULT_SETTINGS`, contribute it in
 * package.json under `dockerfileStudio.*` with the same default, and read it through the
 * per-document settings the server pulls.
 */
import type { RuleSeverity } from './service';
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
}
/** Defaults; the server fills any missing or malformed value from here. */
export declare const DEFAULT_SETTINGS: StudioSettings;
/** Reads whatever the client sent into a complete settings object, never throwing. */
export declare function normalizeSettings(raw: unknown): StudioSettings;
/**
 * Server -> client request: the environments the local engine's images set, for UndefinedVar
 * (BuildKit reads a base image's ENV from its config). The client answers with what
 * `docker image inspect` says; the server only sends it when the client said it can answer
 * (`initializationOptions.imageEnv === true`).
 */
export declare const IMAGE_ENV_REQUEST = "dockerfileStudio/imageEnv";
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
