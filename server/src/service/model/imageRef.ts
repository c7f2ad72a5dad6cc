/**
 * Image references (`registry/repository:tag@digest`) split the way Docker's reference
 * grammar does: the first path component is a registry only when it looks like a host.
 */
import type { ImageRefModel } from './types';
import type { Range } from 'vscode-languageserver-types';

/** Splits an image reference; `range` is where the text sits in the document. */
export function parseImageRef(text: string, range: Range): ImageRefModel {
  let rest = text;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | null = null;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || /[A-Z]/.test(first)) {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && !rest.slice(colon).includes('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { text, range, registry, repository: rest, tag, digest, hasVariables: text.includes('$') };
}

/** The registry a reference pulls from, naming Docker Hub's default explicitly. */
export function effectiveRegistry(ref: ImageRefModel): string {
  return ref.registry ?? 'docker.io';
}

/** The full repository path as the registry knows it (`library/` added for Hub official images). */
export function canonicalRepository(ref: ImageRefModel): string {
  return ref.registry === null && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository;
}
