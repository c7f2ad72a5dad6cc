/**
 * Pieces shared by several instruction entries: the reference link builder, the shell/exec
 * explanation and the CMD/ENTRYPOINT combination table (one text, linked from both pages).
 */
import type { DocSection } from '../types';

/** Base address of the Dockerfile reference; every `link` starts with it. */
export const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

/** Address of one section of the Dockerfile reference, e.g. `ref('copy---from')`. */
export function ref(anchor: string): string {
  return `${REFERENCE}#${anchor}`;
}

/** Why the exec form and the shell form behave differently (RUN, CMD, ENTRYPOINT). */
export const SHELL_VS_EXEC: DocSection = {
  title: 'Shell form or exec form',
  body: [
    '- **Shell form** (`CMD node server.js`): the text is handed to the default shell, `/bin/sh -c` on Linux (see `SHELL`). Variables like `$HOME` are expanded, and `&&`, pipes and redirects work.',
    '- **Exec form** (`CMD ["node", "server.js"]`): a JSON array that is started directly, with no shell in between. Nothing expands `$VAR`, and the program itself is PID 1, so it receives `SIGTERM` from `docker stop`.',
    '- The exec form is JSON: use double quotes. With single quotes the line is not valid JSON and is silently treated as shell form.',
  ].join('\n'),
};

/** The four-by-three table of what a container runs for each CMD/ENTRYPOINT combination. */
export const CMD_ENTRYPOINT_TABLE: DocSection = {
  title: 'How CMD and ENTRYPOINT combine',
  body: [
    'The container starts the ENTRYPOINT with the CMD appended as its arguments. What actually runs:',
    '',
    '| | No ENTRYPOINT | `ENTRYPOINT ["ep", "x"]` (exec) | `ENTRYPOINT ep x` (shell) |',
    '| --- | --- | --- | --- |',
    '| **No CMD** | whatever the base image sets; with none, `docker run` fails | `ep x` | `/bin/sh -c "ep x"` |',
    '| **`CMD ["c", "y"]`** (exec) | `c y` | `ep x c y` | `/bin/sh -c "ep x"` (CMD ignored) |',
    '| **`CMD c y`** (shell) | `/bin/sh -c "c y"` | `ep x /bin/sh -c "c y"` | `/bin/sh -c "ep x"` (CMD ignored) |',
    '',
    '- Arguments after the image name in `docker run IMAGE args` replace CMD; `--entrypoint` replaces ENTRYPOINT.',
    '- Setting ENTRYPOINT in an image resets a CMD inherited from the base image, so declare CMD again after it.',
  ].join('\n'),
};
