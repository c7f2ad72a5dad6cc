/**
 * The environment variable names that common official images set in their image config (what
 * `docker image inspect --format '{{.Config.Env}}'` lists), so that UndefinedVar can tell a name
 * the base image defines from a typo without pulling the image. Names only: values differ per tag.
 * Each entry is the union over the image's current tags and variants (a name one variant sets
 * counts for all), so the table errs towards "defined". Our own data, read from the images'
 * published Dockerfiles; extend it when an official image adds a variable.
 *
 * Images the table does not know fall back to a guess (see UndefinedVar's docs); a client that
 * can inspect the local engine passes the real environment instead (`LintOptions.imageEnv`).
 */
/**
 * Repository (as written on Docker Hub without `library/`, or with its registry host) -> the
 * names its config sets besides PATH, which every image in the table sets.
 */
export declare const IMAGE_ENV: Readonly<Record<string, readonly string[]>>;
