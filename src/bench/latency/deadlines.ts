import type { Clock } from './types.js';

export interface Deadline {
  readonly at: number;
  done: boolean;
  readonly onTimeout: () => void;
}

/**
 * Per-request timeouts with one timer instead of one per request. Every request of a pass has the same timeout
 * and is added when it is sent, so deadlines arrive in order and a FIFO is a priority queue. The single timer is
 * armed for the oldest pending deadline; settled requests are skipped (and pruned from the head as they
 * settle). A timer per request (setTimeout + clearTimeout) costs more than the rest of the harness for a fast
 * query. Call close() when the pass ends, so no timer outlives it.
 */
export class Deadlines {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  #queue: Deadline[] = [];
  #head = 0;
  #timer: unknown;

  constructor(clock: Clock, timeoutMs: number) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
  }

  add(onTimeout: () => void): Deadline {
    const d: Deadline = { at: this.#clock.now() + this.#timeoutMs, done: false, onTimeout };
    this.#queue.push(d);
    if (this.#timer === undefined) this.#arm(d.at);
    return d;
  }

  settle(d: Deadline): void {
    d.done = true;
    const q = this.#queue;
    while (this.#head < q.length && (q[this.#head] as Deadline).done) this.#head++;
    if (this.#head > 1024 && this.#head * 2 > q.length) {
      this.#queue = q.slice(this.#head);
      this.#head = 0;
    }
  }

  close(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = [];
    this.#head = 0;
  }

  #arm(at: number): void {
    this.#timer = this.#clock.setTimeout(() => this.#fire(), Math.max(0, at - this.#clock.now()));
  }

  #fire(): void {
    this.#timer = undefined;
    const now = this.#clock.now();
    const q = this.#queue;
    while (this.#head < q.length) {
      const d = q[this.#head] as Deadline;
      if (!d.done && d.at > now) break;
      this.#head++;
      if (!d.done) {
        d.done = true;
        d.onTimeout();
      }
    }
    if (this.#head < q.length) this.#arm((q[this.#head] as Deadline).at);
    else {
      this.#queue = [];
      this.#head = 0;
    }
  }
}
