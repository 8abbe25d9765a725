/** The sample.arrow schema (DESIGN §3): the column types every consumer relies on. */
import { Field, FixedSizeList, Float32, Float64, List, Schema, Utf8 } from 'apache-arrow';
import { MANIFEST_KEY } from './sample-row.js';

export function sampleSchema(dimension: number, manifestJson: string): Schema {
  return new Schema(
    [
      new Field('id', new Utf8(), false),
      new Field('embedding', new FixedSizeList(dimension, new Field('item', new Float32(), false)), false),
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
