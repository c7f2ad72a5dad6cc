/**
 * Base image environments from the client's engine, for the lint (`LintOptions.imageEnv`).
 * A lookup answers from what is known and, for an image not asked about yet, asks the client
 * once (batched with the other images of the same lint) and answers "unknown" for now; when the
 * answer brings an environment, `changed` is called so the open documents are linted again.
 */
import type { ImageEnvResult } from './protocol';

/** Answers kept at most this long, so an image pulled or rebuilt meanwhile is asked again. */
const KEEP_MS = 60_000;

/** The engine's answers and the questions in flight. */
export class ImageEnvSource {
  private readonly known = new Map<string, { at: number; env: string[] | null }>();
  private readonly asking = new Set<string>();
  private batch: string[] | null = null;

  constructor(
    private readonly ask: (images: string[]) => Promise<ImageEnvResult>,
    private readonly changed: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The image's environment when the engine said so; undefined while unknown (a question may go out). */
  readonly lookup = (image: string): string[] | undefined => {
    const entry = this.known.get(image);
    if (entry && this.now() - entry.at < KEEP_MS) return entry.env ?? undefined;
    if (!this.asking.has(image)) this.queue(image);
    return entry?.env ?? undefined;
  };

  private queue(image: string): void {
    this.asking.add(image);
    if (this.batch) {
      this.batch.push(image);
      return;
    }
    this.batch = [image];
    // One question per lint: the images a lint looks up in one turn go together.
    queueMicrotask(() => void this.send());
  }

  private async send(): Promise<void> {
    const images = this.batch ?? [];
    this.batch = null;
    let answer: ImageEnvResult = {};
    try {
      answer = await this.ask(images);
    } catch {
      // No client answer (an editor without the request): every image stays unknown.
    }
    let news = false;
    for (const image of images) {
      const env = Array.isArray(answer[image]) ? answer[image] : null;
      const before = this.known.get(image)?.env ?? null;
      if (JSON.stringify(env) !== JSON.stringify(before)) news = true;
      this.known.set(image, { at: this.now(), env });
      this.asking.delete(image);
    }
    if (news) this.changed();
  }
}
