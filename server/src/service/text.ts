/**
 * Small string helpers that scan by index where the obvious regex (`/\/+$/`, `/:[^/]*$/`)
 * retries from every position and takes quadratic time on a long run of one character.
 */

/** The text without the slashes at its end. */
export function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') end--;
  return text.slice(0, end);
}

/** An image repository without its `:tag` (a colon after the last slash). */
export function withoutTag(repository: string): string {
  const colon = repository.indexOf(':', repository.lastIndexOf('/') + 1);
  return colon < 0 ? repository : repository.slice(0, colon);
}
