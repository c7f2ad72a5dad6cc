/**
 * The document cache: each (uri, version) is parsed once into a DockerfileModel, and every
 * handler reads the cached model. Parsing is lazy, so typing a burst of characters parses once,
 * and incremental: only the instructions around an edit are parsed again.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildModel } from './service/model';
import type { DockerfileModel } from './service/model';

interface Entry {
  version: number;
  model: DockerfileModel;
}

/** Caches one model per open document, keyed by URI and invalidated by version. */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();

  /** The model of the document's current version, parsing it if needed. */
  get(document: TextDocument): DockerfileModel {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version) return cached.model;
    // The previous version lets the parser reuse every instruction the edit did not touch.
    const model = buildModel(document.getText(), cached?.model);
    this.entries.set(document.uri, { version: document.version, model });
    return model;
  }

  /** Forgets a closed document. */
  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
