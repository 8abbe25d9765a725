/** Progress lines on stderr (rate and ETA), only when stderr is a terminal; redrawn at most 5 times a second. */
export interface Progress {
  update(done: number, extra?: string): void;
  done(summary?: string): void;
}

export interface ProgressOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  label: string;
  unit: string;
  total?: number | undefined;
  now?: () => number;
}

export function createProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? (() => performance.now());
  const tty = opts.stream.isTTY === true;
  const start = now();
  let last = 0;
  let drawn = false;
  const line = (done: number, extra?: string) => {
    const secs = Math.max((now() - start) / 1000, 1e-9);
    const rate = done / secs;
    const total = opts.total;
    const pct = total ? ` ${((100 * done) / total).toFixed(1)}%` : '';
    const eta = total && rate > 0 && done < total ? `  ETA ${formatDuration((total - done) / rate)}` : '';
    return `${opts.label} ${fmt(done)}${total ? `/${fmt(total)}` : ''} ${opts.unit}${pct}  ${fmt(Math.round(rate))} ${opts.unit}/s${eta}${extra ? `  ${extra}` : ''}`;
  };
  return {
    update(done, extra) {
      if (!tty) return;
      const t = now();
      if (t - last < 200) return;
      last = t;
      drawn = true;
      opts.stream.write(`\r\x1b[K${line(done, extra)}`);
    },
    done(summary) {
      if (!tty) return;
      if (drawn) opts.stream.write('\r\x1b[K');
      if (summary) opts.stream.write(`${summary}\n`);
    },
  };
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatDuration(secs: number): string {
  if (!Number.isFinite(secs)) return '?';
  if (secs < 60) return `${secs.toFixed(secs < 10 ? 1 : 0)}s`;
  const m = Math.floor(secs / 60);
  if (m < 60) return `${m}m${String(Math.round(secs % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
