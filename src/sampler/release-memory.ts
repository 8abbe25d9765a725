/**
 * A young-generation GC on request, for loops that drop one large buffer per step (Arrow record batches of
 * ~12 MB each). V8 frees such ArrayBuffers only when it next collects, and under external-memory pressure it
 * lets tens of MB of them pile up per thread, which shows in the process's peak RSS (the sampler's bound is
 * 2 x the sample's vectors + 200 MB). A minor GC costs about a millisecond. `gc` is reached with V8's
 * --expose-gc flag set at run time (the documented v8.setFlagsFromString) in a fresh context; if that is not
 * possible, this does nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (opts?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => void;

let gc: Gc | null | undefined;

export function releaseYoungGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as Gc;
    } catch {
      gc = null;
    }
  }
  gc?.({ type: 'minor' });
}
