import type { Outcome, OutcomeCounts } from './types.js';

const MAX_MESSAGES = 10;

/**
 * Accumulates outcomes. Only ok latencies are kept as samples; errors, timeouts and drops are counts, and
 * retries are counted apart, so none of them can leak into a latency distribution.
 */
export class Tally {
  readonly okLatencies: number[] = [];
  errors = 0;
  timeouts = 0;
  dropped = 0;
  retries = 0;
  retriedRequests = 0;
  readonly #messages = new Map<string, number>();
  #otherMessages = 0;

  add(o: Outcome): void {
    if (o.kind === 'ok') this.okLatencies.push(o.latencyMs);
    else if (o.kind === 'timeout') this.timeouts++;
    else {
      this.errors++;
      this.#message(o.message ?? 'unknown error');
    }
    if (o.retries > 0) {
      this.retries += o.retries;
      this.retriedRequests++;
    }
  }

  drop(): void {
    this.dropped++;
  }

  get requests(): number {
    return this.okLatencies.length + this.errors + this.timeouts;
  }

  counts(): OutcomeCounts {
    const errorMessages = Object.fromEntries(this.#messages);
    if (this.#otherMessages > 0) errorMessages['(other messages)'] = this.#otherMessages;
    return {
      requests: this.requests,
      ok: this.okLatencies.length,
      errors: this.errors,
      timeouts: this.timeouts,
      dropped: this.dropped,
      retries: this.retries,
      retriedRequests: this.retriedRequests,
      errorMessages,
    };
  }

  #message(m: string): void {
    const n = this.#messages.get(m);
    if (n !== undefined) this.#messages.set(m, n + 1);
    else if (this.#messages.size < MAX_MESSAGES) this.#messages.set(m, 1);
    else this.#otherMessages++;
  }
}
