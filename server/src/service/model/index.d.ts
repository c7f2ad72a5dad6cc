/** The semantic model: types and the builder. */
export * from './types';
export { buildModel } from './build';
export { parseImageRef, effectiveRegistry, canonicalRepository } from './imageRef';
export { expandWord } from './expand';
export { PLATFORM_ARGS, UNDECLARED_ARGS } from './variables';
