/** ARGs the builder defines or accepts without a declaration, and where each is visible. */
import type { PredefinedArgData } from './types';
export declare const PREDEFINED_ARGS: PredefinedArgData[];
