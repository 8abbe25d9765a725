/** `--sweep ef_search=16,32,64` and `--settings-sweep max_neighbors=8,16,32`: one setting, its values. */
import { invalid } from '../../errors.js';

export interface SettingSweep {
  key: string;
  /** ascending, distinct integers >= 1 */
  values: number[];
}

const SHAPE = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/;

export function parseSettingSweep(raw: string, flag: string): SettingSweep {
  const example = `<setting>=<v1>,<v2>,..., e.g. ${flag === '--sweep' ? 'ef_search=16,32,64,128,256' : 'max_neighbors=8,16,32'}`;
  const m = SHAPE.exec(raw.trim());
  if (!m) throw invalid(flag, raw, example, undefined, 'USAGE');
  const key = m[1]!;
  const values = m[2]!.split(',').map((v) => {
    const t = v.trim();
    const n = Number(t);
    if (!/^\d+$/.test(t) || !Number.isSafeInteger(n) || n < 1) throw invalid(`${flag} value`, t, `integers >= 1 separated by commas (${example})`, undefined, 'USAGE');
    return n;
  });
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  if (distinct.length !== values.length) throw invalid(`${flag} values`, m[2], 'distinct values (each point is measured once)', undefined, 'USAGE');
  return { key, values: distinct };
}
