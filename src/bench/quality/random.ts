// The project's one seeded mulberry32 generator lives in src/random.ts; quality statistics resample with it.
export { seededRandom, type Random } from '../../random.js';
