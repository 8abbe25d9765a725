export { exactTopK, kernelInfo } from './exact-top-k.js';
export type { ExactTopKOptions, ExactTopKResult, KernelName } from './types.js';
