import { seededRandom } from '../../../src/random.js';

/** Fault-injection knobs, set per server through its JS API (never over HTTP). All optional. */
export interface StandinKnobs {
  /** RNG seed for the rate knobs; @default 1 */
  seed?: number;
  /** an index reports `ready: false` (state Initializing) for this long after creation; @default 0 */
  readyAfterMs?: number;
  /** added before every response; @default 0 */
  delayMs?: number;
  /** fraction of data-plane requests answered 429 RESOURCE_EXHAUSTED; @default 0 */
  rate429?: number;
  /** the next N data-plane requests are answered 429 (a storm); counts down; @default 0 */
  storm429?: number;
  /** fraction of data-plane requests answered with `status5xx`; @default 0 */
  rate5xx?: number;
  /** @default 503 */
  status5xx?: number;
  /** fraction of /query requests answered with `queryFailStatus`; @default 0 */
  queryFailRate?: number;
  /** @default 500 */
  queryFailStatus?: number;
  /** apply the rate/storm knobs to control-plane requests too; @default false */
  faultControlPlane?: boolean;
}

export type Fault = { status: number; kind: '429' | '5xx' | 'query' } | undefined;

export class FaultInjector {
  private knobs: Required<StandinKnobs>;
  private rng: () => number;

  constructor(knobs: StandinKnobs = {}) {
    this.knobs = resolve(knobs);
    this.rng = seededRandom(this.knobs.seed);
  }

  get current(): Readonly<Required<StandinKnobs>> {
    return this.knobs;
  }

  /** Replaces the knobs (unspecified ones go back to defaults) and reseeds the RNG. */
  set(knobs: StandinKnobs): void {
    this.knobs = resolve(knobs);
    this.rng = seededRandom(this.knobs.seed);
  }

  /** Decides the fault for one request. One RNG draw per rate knob per request keeps runs reproducible. */
  decide(endpoint: string, plane: 'control' | 'data'): Fault {
    if (plane === 'control' && !this.knobs.faultControlPlane) return undefined;
    if (this.knobs.storm429 > 0) {
      this.knobs.storm429 -= 1;
      return { status: 429, kind: '429' };
    }
    if (this.knobs.rate429 > 0 && this.rng() < this.knobs.rate429) return { status: 429, kind: '429' };
    if (this.knobs.rate5xx > 0 && this.rng() < this.knobs.rate5xx) return { status: this.knobs.status5xx, kind: '5xx' };
    if (endpoint === 'query' && this.knobs.queryFailRate > 0 && this.rng() < this.knobs.queryFailRate) {
      return { status: this.knobs.queryFailStatus, kind: 'query' };
    }
    return undefined;
  }
}

function resolve(k: StandinKnobs): Required<StandinKnobs> {
  return {
    seed: k.seed ?? 1,
    readyAfterMs: k.readyAfterMs ?? 0,
    delayMs: k.delayMs ?? 0,
    rate429: k.rate429 ?? 0,
    storm429: k.storm429 ?? 0,
    rate5xx: k.rate5xx ?? 0,
    status5xx: k.status5xx ?? 503,
    queryFailRate: k.queryFailRate ?? 0,
    queryFailStatus: k.queryFailStatus ?? 500,
    faultControlPlane: k.faultControlPlane ?? false,
  };
}
