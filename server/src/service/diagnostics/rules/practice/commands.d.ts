/** Practices about the commands a RUN runs: sudo, cd, wget and curl, /bin/sh, useradd, pointless commands. */
import type { Rule } from '../../types';
export declare const noSudo: Rule;
export declare const cdInsteadOfWorkdir: Rule;
export declare const wgetAndCurl: Rule;
export declare const shellViaSymlink: Rule;
export declare const pointlessCommand: Rule;
export declare const useraddNoLogInit: Rule;
export declare const COMMAND_RULES: Rule[];
