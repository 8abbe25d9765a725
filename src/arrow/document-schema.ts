/** The schema of a document sample's sample.arrow: the vector sample's columns without the embedding. */
import { Field, Float64, List, Schema, Utf8 } from 'apache-arrow';
import { MANIFEST_KEY } from './sample-row.js';

export function documentSchema(manifestJson: string): Schema {
  return new Schema(
    [
      new Field('id', new Utf8(), false),
      new Field('text', new Utf8(), true),
      new Field('metadata', new Utf8(), true),
      new Field('stratum', new Utf8(), false),
      new Field('edge_tags', new List(new Field('item', new Utf8(), false)), false),
      new Field('inclusion_prob', new Float64(), false),
      new Field('weight', new Float64(), false),
    ],
    new Map([[MANIFEST_KEY, manifestJson]]),
  );
}

/** One row of a document sample. */
export interface DocumentRow {
  id: string;
  text: string | null;
  metadata: Record<string, string | number | boolean> | null;
  stratum: string;
  edgeTags: readonly string[];
  inclusionProb: number;
  weight: number;
}
