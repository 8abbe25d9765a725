/**
 * Where a sample's rows came from (manifest `origin`). Sealed environments only take `production`
 * (src/safety/sealed.ts checkOrigin), so anything vecstage can recognise as generated must not pass as production.
 * Recognised: an export of `vecstage generate` (its ground truth `<file>.truth.json` lies next to it; the export
 * rows themselves carry no marker), and a live index whose provenance says it was loaded from synthetic or fixture
 * rows. Everything else takes the --origin flag (default production).
 */
import { readFileSync, statSync } from 'node:fs';
import { VecstageError } from '../errors.js';

export type SampleOrigin = 'production' | 'synthetic' | 'fixture';
export const ORIGINS: readonly SampleOrigin[] = ['production', 'synthetic', 'fixture'];

export interface OriginEvidence {
  origin: Exclude<SampleOrigin, 'production'>;
  /** why, for the manifest and messages */
  because: string;
}

export interface ResolvedOrigin {
  origin: SampleOrigin;
  /** how it was decided: "--origin", "default", or the evidence */
  source: string;
}

/** `<input>.truth.json` written by `vecstage generate --truth` (checked to be one: edgeCases and badRows keys). */
export function detectGeneratedExport(path: string): OriginEvidence | undefined {
  const truth = `${path}.truth.json`;
  try {
    // the truth file lists injected rows only (a few percent of the export): small enough to parse
    if (!statSync(truth).isFile()) return undefined;
    const parsed = JSON.parse(readFileSync(truth, 'utf8')) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && 'edgeCases' in parsed && 'badRows' in parsed) {
      return { origin: 'synthetic', because: `a vecstage generate ground truth lies next to the input (${truth.split(/[\\/]/).pop()})` };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** An index whose provenance says it was loaded from synthetic or fixture rows. */
export function indexEvidence(index: string, provenance: { source?: string } | undefined): OriginEvidence | undefined {
  const source = provenance?.source;
  if (source !== 'synthetic' && source !== 'fixture') return undefined;
  return { origin: source, because: `index "${index}" was loaded from ${source} rows (its provenance)` };
}

/**
 * The flag wins when it is at least as cautious as the evidence; a flag claiming `production` against evidence is
 * an error (a sealed env would otherwise take generated rows).
 */
export function resolveOrigin(flag: SampleOrigin | undefined, evidence: OriginEvidence | undefined): ResolvedOrigin {
  if (evidence) {
    if (flag === 'production') {
      throw new VecstageError('USAGE', `invalid --origin: "production" contradicts the input: ${evidence.because}; allowed: --origin ${evidence.origin}, or an input without that mark`);
    }
    return flag ? { origin: flag, source: '--origin' } : { origin: evidence.origin, source: `detected: ${evidence.because}` };
  }
  return flag ? { origin: flag, source: '--origin' } : { origin: 'production', source: 'default' };
}
