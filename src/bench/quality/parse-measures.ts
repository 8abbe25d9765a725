import { invalid } from '../../errors.js';
import { MEASURE_NAMES, type MeasureName, type MeasureRequest, CUTOFF_MEASURES, resolveCutoffs, withDefaults } from './measures.js';

const ALLOWED = `${MEASURE_NAMES.join(', ')}, all_trec; cutoffs as P.5,10 or P_5; ndcg gains as ndcg.1=3,2=9`;

/**
 * Parses measure requests in trec_eval's `-m` syntax, also accepting comma-separated lists and `name_k`:
 * `map,P.5,10,ndcg_cut_10` -> map, P at 5 and 10, ndcg_cut at 10. A bare number or `level=gain` continues the
 * parameters of the preceding `name.params` token. `defaultCutoffs` (the --k flag) replaces trec_eval's default
 * cutoffs for cutoff measures named without any. Returned in trec_eval's print order.
 */
export function parseMeasures(specs: readonly string[], defaultCutoffs?: readonly number[], where = '-m'): MeasureRequest[] {
  const byName = new Map<MeasureName, { cutoffs?: number[]; gains?: Map<number, number> }>();
  const add = (name: MeasureName): { cutoffs?: number[]; gains?: Map<number, number> } => {
    let entry = byName.get(name);
    if (!entry) byName.set(name, (entry = {}));
    return entry;
  };
  let current: { name: MeasureName; entry: { cutoffs?: number[]; gains?: Map<number, number> } } | undefined;
  for (const token of specs.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '')) {
    if (/^[+-]?\d/.test(token)) {
      if (!current) throw invalid('measure', token, ALLOWED, where, 'USAGE');
      addParam(current.name, current.entry, token, where);
      continue;
    }
    if (token === 'all_trec' || token === 'all') {
      for (const name of MEASURE_NAMES) add(name);
      current = undefined;
      continue;
    }
    const dot = token.indexOf('.');
    const underscore = /^(.*)_(\d+)$/.exec(token);
    if (dot >= 0) {
      const name = measureName(token.slice(0, dot), token, where);
      current = { name, entry: add(name) };
      const first = token.slice(dot + 1);
      if (first === '') throw invalid('measure', token, ALLOWED, where, 'USAGE');
      addParam(name, current.entry, first, where);
    } else if (underscore && CUTOFF_MEASURES.includes(underscore[1] as MeasureName)) {
      const name = underscore[1] as MeasureName;
      const entry = add(name);
      (entry.cutoffs ??= []).push(Number(underscore[2]));
      current = undefined;
    } else {
      add(measureName(token, token, where));
      current = undefined;
    }
  }
  if (byName.size === 0) throw invalid('measure', specs.join(','), ALLOWED, where, 'USAGE');
  return MEASURE_NAMES.filter((name) => byName.has(name)).map((name) => {
    const entry = byName.get(name) ?? {};
    const request: MeasureRequest = { name };
    if (entry.gains) request.gains = entry.gains;
    if (entry.cutoffs) request.cutoffs = resolveCutoffs(entry.cutoffs, `${where} ${name}`);
    else if (defaultCutoffs && CUTOFF_MEASURES.includes(name)) request.cutoffs = resolveCutoffs(defaultCutoffs, '--k');
    return withDefaults(request);
  });
}

function measureName(name: string, token: string, where: string): MeasureName {
  if ((MEASURE_NAMES as readonly string[]).includes(name)) return name as MeasureName;
  throw invalid('measure', token, ALLOWED, where, 'USAGE');
}

function addParam(name: MeasureName, entry: { cutoffs?: number[]; gains?: Map<number, number> }, param: string, where: string): void {
  if (name === 'ndcg') {
    const m = /^([+-]?\d+)=([+-]?(?:\d+\.?\d*|\.\d+))$/.exec(param);
    if (!m) throw invalid('ndcg gain', param, 'level=gain pairs, e.g. ndcg.1=3,2=9', where, 'USAGE');
    (entry.gains ??= new Map()).set(Number(m[1]), Number(m[2]));
    return;
  }
  if (!CUTOFF_MEASURES.includes(name)) throw invalid(`parameter for ${name}`, param, `none (${name} takes no parameters)`, where, 'USAGE');
  if (!/^\d+$/.test(param)) throw invalid(`cutoff for ${name}`, param, 'positive integers, e.g. P.5,10', where, 'USAGE');
  (entry.cutoffs ??= []).push(Number(param));
}
