import { resolve } from 'node:path';
import { type TrecEvalResult, evaluateRun, formatTrecEval, parseMeasures } from '../../bench/quality/index.js';
import { readQrelsFile, readRunFile } from '../../bench/trec/index.js';
import { VecstageError } from '../../errors.js';
import { type CliCommand, listFlag, numberFlag, stringFlag, writeJson } from '../command.js';
import { EXIT } from '../exit-codes.js';

const HELP = `vecstage metrics --qrels <file> --run <file> [-m measure,...] [--k 5,10] [-q] [-c] [--json]

TREC qrels and run in, trec_eval-conformant measures out: "measure<TAB>qid|all<TAB>value" lines, as trec_eval prints.
Docs are ranked by score descending, ties by docno descending (the rank column is ignored); nDCG uses the
relevance value as gain and an ideal ranking from every judged doc; only queries in both files are averaged.

options:
  --qrels <file>          judgments, lines "qid iter docno rel"
  --run <file>            results, lines "qid Q0 docno rank score tag"
  -m, --measure <list>    measures (repeatable), trec_eval syntax: map,recip_rank,P.5,10,ndcg_cut_10,success.1,5
                          known: runid num_q num_ret num_rel num_rel_ret map Rprec recip_rank P recall ndcg ndcg_cut
                          success; all_trec = all of them (the default)
  --k <list>              cutoffs for P, recall, ndcg_cut and success when -m gives none
                          (default: trec_eval's 5,10,15,20,30,100,200,500,1000; success 1,5,10)
  -q, --per-query         print each query's lines too (trec_eval -q)
  -c, --all-queries       average over every qrels query, 0 for queries missing from the run (trec_eval -c)
  -l, --relevance-level N relevance >= N counts as relevant for binary measures (default 1, trec_eval -l)
  -M, --max-docs N        evaluate only the top N docs of each query (trec_eval -M)
  --precision N           decimals of float values (default 4, as trec_eval)
  --json                  one object: { ok, runId, numQ, all, queries? }
`;

export const command: CliCommand = {
  name: 'metrics',
  summary: 'trec_eval-conformant quality measures from TREC qrels and run files',
  help: HELP,
  options: {
    qrels: { type: 'string' },
    run: { type: 'string' },
    measure: { type: 'string', short: 'm', multiple: true },
    k: { type: 'string' },
    'per-query': { type: 'boolean', short: 'q' },
    'all-queries': { type: 'boolean', short: 'c' },
    'relevance-level': { type: 'string', short: 'l' },
    'max-docs': { type: 'string', short: 'M' },
    precision: { type: 'string' },
  },
  positionals: [0, 0],
  async run({ values }, ctx) {
    const qrelsPath = stringFlag(values, 'qrels');
    const runPath = stringFlag(values, 'run');
    if (!qrelsPath || !runPath) {
      throw new VecstageError('USAGE', `vecstage metrics: --qrels and --run are required; usage: ${HELP.split('\n')[0]}`);
    }
    const kList = listFlag(values, 'k')?.map((s) => {
      const k = Number(s);
      if (!/^\d+$/.test(s) || k < 1) throw new VecstageError('USAGE', `invalid --k: ${JSON.stringify(s)}; allowed: positive integers, e.g. --k 5,10`);
      return k;
    });
    const measureSpecs = values.measure as string[] | undefined;
    const measures = parseMeasures(measureSpecs ?? ['all_trec'], kList, '-m');
    const relevanceLevel = numberFlag(values, 'relevance-level', { integer: true, min: 1 }) ?? 1;
    const maxDocs = numberFlag(values, 'max-docs', { integer: true, min: 1 });
    const precision = numberFlag(values, 'precision', { integer: true, min: 0, max: 15 }) ?? 4;
    const [qrels, run] = await Promise.all([readQrelsFile(resolve(ctx.cwd, qrelsPath)), readRunFile(resolve(ctx.cwd, runPath))]);
    const result = evaluateRun(qrels, run, {
      measures,
      relevanceLevel,
      allQueries: values['all-queries'] === true,
      ...(maxDocs !== undefined ? { maxDocsPerQuery: maxDocs } : {}),
    });
    const perQuery = values['per-query'] === true;
    if (values.json) writeJson(ctx, toJson(result, perQuery));
    else ctx.stdout.write(formatTrecEval(result, { perQuery, precision }));
    return EXIT.ok;
  },
};

function toJson(result: TrecEvalResult, perQuery: boolean): Record<string, unknown> {
  return {
    ok: true,
    runId: result.runId,
    numQ: result.numQ,
    all: result.all,
    ...(perQuery ? { queries: Object.fromEntries(result.queries.map((q) => [q.qid, q.values])) } : {}),
  };
}
