import { invalid } from '../../errors.js';
import { forEachTrecLine } from './lines.js';
import type { Qrels } from './types.js';

const QRELS_FORMAT = 'qrels lines "qid iter docno rel" (4 whitespace-separated fields, rel an integer)';

/**
 * Parses a TREC qrels file (`qid iter docno rel`; iter is ignored). `source` names the file in errors.
 * Like trec_eval, a docno judged twice for one query is an error.
 */
export function parseQrels(text: string, source: string): Qrels {
  const qrels: Qrels = new Map();
  forEachTrecLine(text, (fields, line) => {
    if (fields.length !== 4) throw invalid('qrels line', fields.join(' '), `${QRELS_FORMAT}; got ${fields.length} fields`, `${source}:${line}`);
    const [qid, , docno, relText] = fields as [string, string, string, string];
    if (!/^[+-]?\d+$/.test(relText)) throw invalid('relevance', relText, 'an integer, e.g. 0, 1, 2 (column 4)', `${source}:${line}`);
    let judged = qrels.get(qid);
    if (!judged) qrels.set(qid, (judged = new Map()));
    if (judged.has(docno)) throw invalid('qrels line', `${qid} ${docno}`, `each docno judged once per query; ${docno} is repeated for query ${qid}`, `${source}:${line}`);
    judged.set(docno, Number(relText));
  });
  return qrels;
}
