/** A live index as sampler input (`vecstage sample --from-env <env>`). */
import type { IndexProvenance, VectorIndex } from '../../backends/types.js';

export interface LiveIndexSource {
  /** an open index (the VectorIndex port): listIds pages the ids, fetch reads vectors and metadata */
  index: VectorIndex;
  /** environment name, for the manifest and messages */
  env: string;
  /** backend kind, for the manifest */
  backend: string;
  /** the index's provenance (describe()); its `source` feeds the manifest origin */
  provenance?: IndexProvenance | undefined;
  /** ids listed (and at most vectors fetched) per page; bounds memory. @default 1000 */
  pageSize?: number;
}

/** Metadata keys vecstage's loader adds to every record (src/load/loader.ts toRecord); not production metadata. */
export const LOADER_METADATA_KEYS: readonly string[] = ['vecstage_stratum', 'vecstage_tags'];

export const DEFAULT_PAGE_SIZE = 1000;
