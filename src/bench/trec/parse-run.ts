import { invalid } from '../../errors.js';
import { forEachTrecLine } from './lines.js';
import type { Run, RunEntry } from './types.js';

const RUN_FORMAT = 'run lines "qid Q0 docno rank score tag" (at least 6 whitespace-separated fields; more are ignored)';

/**
 * Parses a TREC run file (`qid Q0 docno rank score tag`). The rank column is checked for presence only: trec_eval
 * ignores it and ranks by score. Fields after the tag are ignored (trec_eval reserves them). A docno retrieved twice
 * for one query is an error, as in trec_eval. The run id is the tag of the last line.
 */
export function parseRun(text: string, source: string): Run {
  const queries = new Map<string, RunEntry[]>();
  const seen = new Map<string, Set<string>>();
  let runId = '';
  forEachTrecLine(text, (fields, line) => {
    if (fields.length < 6) throw invalid('run line', fields.join(' '), `${RUN_FORMAT}; got ${fields.length} fields`, `${source}:${line}`);
    const [qid, , docno, , scoreText, tag] = fields as [string, string, string, string, string, string];
    const score = Number(scoreText);
    if (scoreText === '' || !Number.isFinite(score)) throw invalid('score', scoreText, 'a finite number (column 5)', `${source}:${line}`);
    let docs = queries.get(qid);
    let ids = seen.get(qid);
    if (!docs || !ids) {
      queries.set(qid, (docs = []));
      seen.set(qid, (ids = new Set()));
    }
    if (ids.has(docno)) throw invalid('run line', `${qid} ${docno}`, `each docno retrieved once per query; ${docno} is repeated for query ${qid}`, `${source}:${line}`);
    ids.add(docno);
    docs.push({ docno, score });
    runId = tag;
  });
  return { runId, queries };
}
