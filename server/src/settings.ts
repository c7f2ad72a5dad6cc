/**
 * The settings' defaults and the tolerant reader of what the client sent: the values beside the
 * types in protocol/ (which holds no values, so the client and the service can share it).
 */
import { isRuleSeverity, type RuleSeverity } from './service';
import type { StudioSettings } from './protocol';

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
