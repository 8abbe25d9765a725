import type { Metric } from '../../config/types.js';
import { VecstageError } from '../../errors.js';

export type PineconeMetric = 'cosine' | 'dotproduct' | 'euclidean';

const TO_PINECONE: Record<Metric, PineconeMetric> = { cosine: 'cosine', ip: 'dotproduct', l2: 'euclidean' };

export function toPineconeMetric(m: Metric): PineconeMetric {
  return TO_PINECONE[m];
}

export function fromPineconeMetric(m: string, index: string): Metric {
  const found = (Object.keys(TO_PINECONE) as Metric[]).find((k) => TO_PINECONE[k] === m);
  if (!found) {
    throw new VecstageError('INPUT', `pinecone index "${index}" has metric ${JSON.stringify(m)}; allowed: cosine, dotproduct, euclidean`);
  }
  return found;
}

/**
 * Pinecone score -> the port's distance (lower is closer): cosine and dotproduct return similarities
 * (distance = 1 - score); euclidean returns the squared Euclidean distance already.
 */
export function scoreToDistance(metric: Metric, score: number): number {
  return metric === 'l2' ? score : 1 - score;
}
