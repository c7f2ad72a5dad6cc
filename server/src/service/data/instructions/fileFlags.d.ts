/** Flags COPY and ADD share; each entry links to the section of the instruction it is used on. */
import type { FlagData } from '../types';
/** `--chown=<user>[:<group>]` for COPY or ADD. */
export declare function chownFlag(keyword: 'COPY' | 'ADD'): FlagData;
/** `--chmod=<perms>` for COPY or ADD. */
export declare function chmodFlag(keyword: 'COPY' | 'ADD'): FlagData;
/** `--link` for COPY or ADD. */
export declare function linkFlag(keyword: 'COPY' | 'ADD'): FlagData;
/** `--exclude=<pattern>` for COPY or ADD. */
export declare function excludeFlag(keyword: 'COPY' | 'ADD'): FlagData;
