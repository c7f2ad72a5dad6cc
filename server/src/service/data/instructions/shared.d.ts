/**
 * Pieces shared by several instruction entries: the reference link builder, the shell/exec
 * explanation and the CMD/ENTRYPOINT combination table (one text, linked from both pages).
 */
import type { DocSection } from '../types';
/** Base address of the Dockerfile reference; every `link` starts with it. */
export declare const REFERENCE = "https://docs.docker.com/reference/dockerfile/";
/** Address of one section of the Dockerfile reference, e.g. `ref('copy---from')`. */
export declare function ref(anchor: string): string;
/** Why the exec form and the shell form behave differently (RUN, CMD, ENTRYPOINT). */
export declare const SHELL_VS_EXEC: DocSection;
/** The four-by-three table of what a container runs for each CMD/ENTRYPOINT combination. */
export declare const CMD_ENTRYPOINT_TABLE: DocSection;
