/** Flags of RUN; mount keys themselves are in ../mounts.ts. */
import type { FlagData } from '../types';
export declare const RUN_FLAGS: FlagData[];
