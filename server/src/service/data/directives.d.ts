/** Parser directives: `# name=value` comments at the very top of a Dockerfile. */
import type { DirectiveData } from './types';
export declare const DIRECTIVES: DirectiveData[];
