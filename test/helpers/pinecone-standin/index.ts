export { startPineconeStandin, API_VERSION, type PineconeStandin, type StandinOptions, type StandinCounters } from './server.js';
export type { StandinKnobs } from './faults.js';
export { LIMITS } from './data-plane.js';
