/**
 * Golden queries for the demo's synthetic data. Queries sit near the generator's topic centres; a document is
 * relevant to a topic query when it is among the sample's closest documents to that topic's centre (grade 2 for
 * the closest 10, grade 1 for the next 20), which is task relevance ("is this about the topic?"), not the ANN
 * ground truth of the query vector. Pure and seeded: the same sample gives the same file
 * (fixtures/golden/demo.jsonl ships the result; a test checks it is still in sync).
 */
import { exactDistance } from '../backends/distance.js';
import type { GoldenQuery } from '../golden/types.js';
import type { Corpus } from '../truth/corpus.js';
import { gaussian, xoshiro128 } from '../synth/random.js';

export interface DemoGoldenOptions {
  /** clusters x dim unit topic centres (planExport(...).centers) */
  centers: Float32Array;
  dim: number;
  seed: number;
}

const TEXTS = ['how do I rotate an api key', 'invoice totals do not match the ledger', 'reset two factor authentication', 'export audit logs to s3', 'slow dashboard after upgrade', 'merge duplicate customer records', 'configure sso with okta', 'webhook retries and backoff'];
const MULTILINGUAL = ['wie setze ich das passwort zurück', 'facture en double après la mise à jour', 'APIキーを再発行する方法', 'cómo exportar los registros de auditoría'];

export function buildDemoGolden(corpus: Corpus, o: DemoGoldenOptions): GoldenQuery[] {
  const r = xoshiro128(o.seed, 7);
  const clusters = o.centers.length / o.dim;
  const queries: GoldenQuery[] = [];
  const near = (center: Float32Array, noise: number) => {
    const v = new Float32Array(o.dim);
    let norm = 0;
    for (let i = 0; i < o.dim; i++) {
      v[i] = center[i]! + (noise * gaussian(r)) / Math.sqrt(o.dim);
      norm += v[i]! * v[i]!;
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < o.dim; i++) v[i] = v[i]! / norm;
    return v;
  };
  const relevantTo = (center: Float32Array, filter?: (j: number) => boolean) => {
    const scored: Array<[number, number]> = [];
    for (let j = 0; j < corpus.ids.length; j++) {
      if (filter && !filter(j)) continue;
      scored.push([exactDistance('cosine', center, 0, corpus.vectors, j * corpus.dim, corpus.dim), j]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const rel: Record<string, number> = {};
    scored.slice(0, 30).forEach(([, j], rank) => (rel[corpus.ids[j]!] = rank < 10 ? 2 : 1));
    return rel;
  };
  const centerOf = (c: number) => o.centers.subarray(c * o.dim, (c + 1) * o.dim);
  let n = 0;
  const push = (q: Omit<GoldenQuery, 'id' | 'line'>) => {
    n++;
    queries.push({ id: `q-${String(n).padStart(3, '0')}`, line: n, ...q });
  };
  // one topic query per cluster, English
  for (let c = 0; c < clusters; c++) {
    push({ text: `${TEXTS[c % TEXTS.length]} (topic ${c})`, embedding: near(centerOf(c), 0.35), relevant: relevantTo(centerOf(c)), tags: ['topic'], filter: null });
  }
  // multilingual phrasings of some topics
  for (let i = 0; i < MULTILINGUAL.length; i++) {
    const c = (i * 5) % clusters;
    push({ text: MULTILINGUAL[i]!, embedding: near(centerOf(c), 0.5), relevant: relevantTo(centerOf(c)), tags: ['multilingual'], filter: null });
  }
  // tenant-filtered queries: the two most common tenants in the sample
  const tenantCounts = new Map<string, number>();
  for (const m of corpus.metadata) {
    const t = m?.tenant;
    if (typeof t === 'string') tenantCounts.set(t, (tenantCounts.get(t) ?? 0) + 1);
  }
  const topTenants = [...tenantCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 2).map(([t]) => t);
  for (const [i, tenant] of topTenants.entries()) {
    const c = (i * 3 + 1) % clusters;
    push({ text: `${TEXTS[(i + 3) % TEXTS.length]} for ${tenant}`, embedding: near(centerOf(c), 0.35), relevant: relevantTo(centerOf(c), (j) => corpus.metadata[j]?.tenant === tenant), tags: ['filtered'], filter: { tenant } });
  }
  // queries that land on the sample's edge cases: a near-duplicate pair, the rare stratum, a short text
  const tagged = (tag: string) => corpus.tags.findIndex((t) => t.includes(tag));
  for (const [tag, label] of [['near_duplicate', 'near-duplicate'], ['rare_stratum', 'rare-stratum'], ['short_text', 'short-text'], ['non_ascii', 'multilingual']] as const) {
    const j = tagged(tag);
    if (j < 0) continue;
    const v = near(corpus.vectors.subarray(j * corpus.dim, (j + 1) * corpus.dim), 0.05);
    push({ text: `looks like ${corpus.ids[j]}`, embedding: v, relevant: { [corpus.ids[j]!]: 2 }, tags: [label, 'edge-case'], filter: null });
  }
  return queries;
}
