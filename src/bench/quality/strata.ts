/** A ground-truth neighbour of one query, with the sample stratum and weight of its row. */
export interface TruthDoc {
  id: string;
  stratum: string;
  /** sample weight, 1 / inclusion probability. @default 1 */
  weight?: number;
}

export interface StratumQuery {
  /** the index's returned ids (only the first k are used) */
  returnedIds: readonly string[];
  /** the exact top-k neighbours */
  truth: readonly TruthDoc[];
}

export interface StratumFidelity {
  stratum: string;
  /** ground-truth docs in this stratum over all queries */
  truthDocs: number;
  /** of those, returned in the index's top k */
  found: number;
  /** found / truthDocs */
  recall: number;
  /** sum of weights of found / sum of weights of truthDocs: recall re-weighted to production proportions */
  weightedRecall: number;
}

/**
 * Per-stratum index fidelity: recall over the ground-truth docs in each stratum, pooled over queries
 * (sum of found / sum of truth docs, so a query with many neighbours in a stratum counts more). Identity-based:
 * a returned doc at a distance tied with a missing truth doc does not stand in for it here; use tieAwareRecall for
 * the headline number. Strata sorted by name.
 */
export function fidelityByStratum(queries: readonly StratumQuery[], k: number): StratumFidelity[] {
  const acc = new Map<string, { truthDocs: number; found: number; wTruth: number; wFound: number }>();
  for (const q of queries) {
    const returned = new Set(q.returnedIds.slice(0, k));
    for (const doc of q.truth.slice(0, k)) {
      let a = acc.get(doc.stratum);
      if (!a) acc.set(doc.stratum, (a = { truthDocs: 0, found: 0, wTruth: 0, wFound: 0 }));
      const w = doc.weight ?? 1;
      a.truthDocs++;
      a.wTruth += w;
      if (returned.has(doc.id)) {
        a.found++;
        a.wFound += w;
      }
    }
  }
  return [...acc.keys()].sort().map((stratum) => {
    const a = acc.get(stratum) ?? { truthDocs: 0, found: 0, wTruth: 0, wFound: 0 };
    return {
      stratum,
      truthDocs: a.truthDocs,
      found: a.found,
      recall: a.truthDocs > 0 ? a.found / a.truthDocs : NaN,
      weightedRecall: a.wTruth > 0 ? a.wFound / a.wTruth : NaN,
    };
  });
}
