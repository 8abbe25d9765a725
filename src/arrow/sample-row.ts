/** One row of sample.arrow, as loaders and ground truth consume it. */
export interface SampleRow {
  id: string;
  embedding: Float32Array;
  text: string | null;
  metadata: Record<string, string | number | boolean> | null;
  stratum: string;
  edgeTags: string[];
  inclusionProb: number;
  weight: number;
}

export const MANIFEST_KEY = 'vecstage:manifest';
export const SAMPLE_FILE = 'sample.arrow';
export const MANIFEST_FILE = 'manifest.json';
export const REJECTS_FILE = 'rejects.jsonl';
