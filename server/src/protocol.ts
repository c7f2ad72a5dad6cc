/**
 * Settings and custom messages shared by the client and the server (types and defaults only).
 * To add a setting: add it to `StudioSettings` and `DEFAULT_SETTINGS`, contribute it in
 * package.json under `dockerfileStudio.*` with the same default, and read it through the
 * per-document settings the server pulls.
 */

/** Everything the server reads per document, under the `dockerfileStudio` section. */
export interface StudioSettings {
  hover: {
    /** Show the long sections (cache, pitfalls, example) or only the summary and syntax. */
    details: boolean;
  };
}

/** Defaults; the server fills any missing or malformed value from here. */
export const DEFAULT_SETTINGS: StudioSettings = {
  hover: { details: true },
};

/** Reads whatever the client sent into a complete settings object, never throwing. */
export function normalizeSettings(raw: unknown): StudioSettings {
  const section = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const hover = (typeof section.hover === 'object' && section.hover !== null ? section.hover : {}) as Record<string, unknown>;
  return {
    hover: {
      details: typeof hover.details === 'boolean' ? hover.details : DEFAULT_SETTINGS.hover.details,
    },
  };
}
