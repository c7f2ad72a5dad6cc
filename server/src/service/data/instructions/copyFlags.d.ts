/** Flags of COPY. */
import type { FlagData } from '../types';
export declare const COPY_FLAGS: FlagData[];
