/**
 * Pure helpers for a build's options: the default tag and container name, build profiles, and the
 * choices remembered per Dockerfile.
 */
import type { BuildPlan } from '../../../server/src/protocol';
import type { BuildOptions } from './argv';

/** What is remembered for one Dockerfile between builds. */
export interface RememberedChoices {
  context?: string;
  tag?: string;
  target?: string | null;
  buildArgs?: [string, string][];
  platform?: string | null;
  profile?: string | null;
  envFile?: string | null;
  interactive?: boolean;
}

/** A named set of options from the `dockerfileStudio.build.profiles` setting. */
export interface BuildProfile {
  context?: string;
  target?: string;
  args?: Record<string, string>;
  platform?: string;
  tag?: string;
  flags?: string[];
}

function slug(text: string): string {
  // NFKD splits accents off their letters; dropping the marks keeps "café" as "cafe".
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[._-]+$/g, '').replace(/-{2,}/g, '-');
}

/** A tag from the folder name, with the Dockerfile's suffix (`Dockerfile.dev` gives `folder-dev`). */
export function defaultTag(folderName: string, dockerfileName: string): string {
  const suffix = /^(?:Dockerfile|Containerfile)[.-](.+)$/i.exec(dockerfileName)?.[1] ?? /^(.+)\.(?:dockerfile|containerfile)$/i.exec(dockerfileName)?.[1];
  const name = [slug(folderName), suffix ? slug(suffix) : ''].filter(Boolean).join('-') || 'image';
  return `${name}:latest`;
}

/** A container name derived from a tag: Docker allows `[a-zA-Z0-9][a-zA-Z0-9_.-]*`. */
export function containerNameFor(tag: string): string {
  const withoutVersion = tag.replace(/:[^/:]*$/, '').replace(/@.*$/, '');
  return `${slug(withoutVersion.replace(/\//g, '-')) || 'image'}-studio`;
}

/** Applies a profile over the base options; the profile's values win, its args add to or replace the base's. */
export function applyProfile(options: BuildOptions, profile: BuildProfile | undefined, resolvePath: (path: string) => string): BuildOptions {
  if (!profile) return options;
  const args = new Map(options.buildArgs);
  for (const [name, value] of Object.entries(profile.args ?? {})) args.set(name, String(value));
  return {
    ...options,
    context: profile.context ? resolvePath(profile.context) : options.context,
    target: profile.target ?? options.target,
    platform: profile.platform ?? options.platform,
    tag: profile.tag ?? options.tag,
    buildArgs: [...args],
    extraFlags: [...options.extraFlags, ...(profile.flags ?? []).map(String)],
  };
}

/**
 * The build args to ask for: every ARG without a default, pre-filled with the value given last
 * time (so Enter repeats the last build). ARGs with a default are not asked; their default
 * applies unless a build profile sets them.
 */
export function prefillBuildArgs(declared: { name: string; defaultValue: string | null }[], remembered: [string, string][] | undefined): { name: string; value: string }[] {
  const previous = new Map(remembered ?? []);
  return declared.filter((arg) => arg.defaultValue === null).map((arg) => ({ name: arg.name, value: previous.get(arg.name) ?? '' }));
}

/** The targets to offer (a stage's name, or its index when it has none) and the default one, the last stage. */
export function targetChoices(plan: Pick<BuildPlan, 'stages'>): { labels: string[]; defaultTarget: string | null } {
  const labels = plan.stages.map((stage) => stage.name ?? String(stage.index));
  return { labels, defaultTarget: labels[labels.length - 1] ?? null };
}
