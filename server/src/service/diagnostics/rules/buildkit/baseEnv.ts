/**
 * What a stage inherits from its base image's config: the variable names BuildKit sees before
 * the stage's first instruction. From the local engine when the caller can ask it, else from
 * the table of official images (data/imageEnv.ts), else unknown.
 */
import type { DockerfileModel, ImageRefModel, StageModel } from '../../../model';
import { IMAGE_ENV } from '../../../data/imageEnv';
import type { ImageEnvLookup } from '../../types';

/** Every Linux image the table knows sets PATH, and BuildKit gives `scratch` one too. */
const ALWAYS = ['PATH'];

/** The root stage of a `FROM <stage>` chain (the one built from an image or scratch). */
export function rootStage(model: DockerfileModel, stage: StageModel): StageModel {
  let current = stage;
  for (let hops = 0; current.parentStage !== null && hops <= model.stages.length; hops++) {
    const parent = model.stages[current.parentStage];
    if (!parent) break;
    current = parent;
  }
  return current;
}

/** The table's key for a reference: Hub's `docker.io/` and `library/` dropped, tag and digest too. */
export function tableKey(ref: ImageRefModel): string {
  let repository = ref.repository.toLowerCase();
  const registry = ref.registry?.toLowerCase() ?? null;
  const hub = registry === null || registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io';
  if (hub && repository.startsWith('library/')) repository = repository.slice('library/'.length);
  return hub ? repository : `${registry}/${repository}`;
}

/** Names from `NAME=value` entries (bare names are taken as they are). */
function namesOf(entries: readonly string[]): string[] {
  return entries.map((e) => {
    const eq = e.indexOf('=');
    return eq < 0 ? e : e.slice(0, eq);
  });
}

/**
 * The names the stage's base image defines, or null when neither the engine nor the table
 * knows the image (the caller then guesses).
 */
export function baseEnvNames(model: DockerfileModel, stage: StageModel, lookup?: ImageEnvLookup): readonly string[] | null {
  const root = rootStage(model, stage);
  if (root.parentStage !== null) return null;
  if (root.resolvedBase.toLowerCase() === 'scratch') return ALWAYS;
  const image = root.image;
  if (!image || image.text === '' || image.text.includes('$')) return null;
  const fromEngine = lookup?.(image.text);
  if (fromEngine) return namesOf(fromEngine);
  const known = IMAGE_ENV[tableKey(image)];
  return known ? [...ALWAYS, ...known] : null;
}
