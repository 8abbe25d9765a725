import type { Clock } from './types.js';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * Virtual time for deterministic tests of the runners (a discrete-event simulation in the manner of
 * @sinonjs/fake-timers' runAllAsync). Time stands still while promise callbacks run; `run(work)` lets the
 * event loop drain, then jumps to the earliest pending timer and fires it, until `work` settles. Timers due at
 * the same instant fire in the order they were set. `block(ms)` moves time forward without firing timers, like
 * a synchronous stall of the event loop: timers that fall due during the block fire late.
 */
export class VirtualClock implements Clock {
  #t: number;
  #seq = 0;
  #timers = new Map<number, Timer>();

  constructor(start = 0) {
    this.#t = start;
  }

  now(): number {
    return this.#t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const seq = ++this.#seq;
    this.#timers.set(seq, { at: this.#t + Math.max(0, ms), seq, fn });
    return seq;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** a synchronous stall: time passes, nothing runs */
  block(ms: number): void {
    this.#t += ms;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.then(
      (v) => {
        settled = true;
        return v;
      },
      (e: unknown) => {
        settled = true;
        throw e;
      },
    );
    done.catch(() => undefined);
    for (;;) {
      // let every pending promise callback run before time moves
      await new Promise<void>((r) => setImmediate(r));
      if (settled) return done;
      const next = this.#earliest();
      if (!next) throw new Error('VirtualClock.run: work is pending but no timer is set (deadlock)');
      this.#timers.delete(next.seq);
      this.#t = Math.max(this.#t, next.at);
      next.fn();
    }
  }

  #earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.#timers.values()) {
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
