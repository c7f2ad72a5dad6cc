/**
 * A .dockerignore matcher with the semantics of Docker's pattern matcher: patterns are
 * cleaned paths relative to the context root, `*` and `?` stay inside one path segment,
 * `**` crosses segments, `!` re-includes, the last matching pattern wins, and a path is
 * excluded when it or one of its parent folders matches.
 */
/** Compiled patterns of a .dockerignore text. */
export interface DockerignoreMatcher {
    /** True when the context-relative path is excluded from the build context. */
    excludes(path: string): boolean;
}
/** Parses .dockerignore text into a matcher. */
export declare function parseDockerignore(text: string): DockerignoreMatcher;
/** Cleans a path like Go's filepath.Clean, relative to the context root. */
export declare function cleanPath(path: string): string;
