/** What the loader needs from a sample: its identity, contract and rows in batches. */
export interface SampleSourceRow {
  id: string;
  embedding: Float32Array;
  metadata: Record<string, unknown> | null;
  stratum: string;
  edgeTags: string[];
}

export interface SampleSource {
  dir: string;
  /** sha256 of manifest.json */
  manifestHash: string;
  rows: number;
  dimension: number;
  model: string;
  metric?: string | undefined;
  /** rows with an all-zero embedding (manifest tag zero_vector), when the manifest says; Pinecone rejects them in cosine indexes */
  zeroVectors?: number | undefined;
  /** where the rows came from; sealed envs only take production */
  origin: 'production' | 'synthetic' | 'fixture' | 'unknown';
  batches(size: number): AsyncIterable<SampleSourceRow[]>;
}
