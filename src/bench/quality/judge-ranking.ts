/** Relevance of a retrieved doc that is absent from the qrels (trec_eval RELVALUE_NONPOOL). */
export const NOT_JUDGED = -1;
/** Relevance of a retrieved doc judged with a negative value, i.e. in the pool but unjudged (RELVALUE_UNJUDGED). */
export const IN_POOL_UNJUDGED = -2;

/** One query's ranking with relevance attached: what every trec_eval measure is computed from. */
export interface JudgedRanking {
  /** relevance at each rank (index 0 is rank 1): the qrels value, or NOT_JUDGED / IN_POOL_UNJUDGED */
  rels: number[];
  /** relLevels[l] = judged docs in the qrels with relevance l (l >= 0), retrieved or not */
  relLevels: number[];
  /** a doc is relevant for binary measures when its relevance >= relevanceLevel (default 1: rel <= 0 is non-relevant) */
  relevanceLevel: number;
  /** judged docs with relevance >= relevanceLevel */
  numRel: number;
  numRet: number;
  numRelRet: number;
}

/**
 * Attaches relevance to a ranked list of docnos (as form_res_rels.c does). `judgments` are the qrels of one
 * query; an empty map is a query with no judgments.
 */
export function judgeRanking(
  ranked: readonly string[],
  judgments: ReadonlyMap<string, number>,
  relevanceLevel = 1,
): JudgedRanking {
  const relLevels: number[] = [];
  for (const rel of judgments.values()) {
    if (rel < 0) continue;
    while (relLevels.length <= rel) relLevels.push(0);
    relLevels[rel] = (relLevels[rel] ?? 0) + 1;
  }
  const rels = ranked.map((docno) => {
    const rel = judgments.get(docno);
    if (rel === undefined) return NOT_JUDGED;
    return rel < 0 ? IN_POOL_UNJUDGED : rel;
  });
  let numRel = 0;
  relLevels.forEach((count, level) => {
    if (level >= relevanceLevel) numRel += count;
  });
  const numRelRet = rels.filter((rel) => rel >= 0 && rel >= relevanceLevel).length;
  return { rels, relLevels, relevanceLevel, numRel, numRet: rels.length, numRelRet };
}

/** Is the doc at this relevance relevant for binary measures? */
export function isRelevant(rel: number, r: JudgedRanking): boolean {
  return rel >= 0 && rel >= r.relevanceLevel;
}
