/** Progress on stderr (rows, MB/s, ETA), only when stderr is a TTY; throttled to 5 updates a second. */
export interface ProgressSink {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
}

export class Progress {
  private last = 0;
  private readonly start = Date.now();
  constructor(
    private readonly sink: ProgressSink | undefined,
    private readonly label: string,
    private readonly totalBytes: number | undefined,
  ) {}

  update(rows: number, bytes: number): void {
    if (!this.sink?.stream.isTTY) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const secs = Math.max(1e-3, (now - this.start) / 1000);
    const rate = bytes / secs;
    const eta = this.totalBytes && rate > 0 ? ` ETA ${Math.max(0, (this.totalBytes - bytes) / rate).toFixed(0)}s` : '';
    const pct = this.totalBytes ? ` ${((100 * bytes) / this.totalBytes).toFixed(0)}%` : '';
    this.sink.stream.write(`\r${this.label}: ${rows} rows${pct} ${(rate / 1e6).toFixed(1)} MB/s${eta}   `);
  }

  done(): void {
    if (this.sink?.stream.isTTY && this.last > 0) this.sink.stream.write('\n');
  }
}
