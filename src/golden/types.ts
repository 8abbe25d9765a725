/** Golden queries (DESIGN §4): one JSON object a line in fixtures/golden/<name>.jsonl. */
import type { MetadataFilter } from '../backends/types.js';

export interface GoldenQuery {
  id: string;
  text: string | null;
  embedding: Float32Array;
  /** graded qrels: doc id -> relevance (> 0 relevant); empty when only index fidelity is measured */
  relevant: Record<string, number>;
  tags: string[];
  filter: MetadataFilter | null;
  /** 1-based line in the source file */
  line: number;
}

export interface GoldenSet {
  path: string;
  /** sha256 of the file bytes */
  sha256: string;
  dimension: number;
  queries: GoldenQuery[];
}

/** The keys a golden query line may have; anything else is an error (a typo must not drop qrels silently). */
export const GOLDEN_KEYS = ['id', 'text', 'embedding', 'relevant', 'tags', 'filter'] as const;
