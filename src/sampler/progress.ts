/** The sampler's progress (rows, MB/s, ETA by bytes) on the shared progress line of src/progress.ts. */
import { createProgress, type Progress as ProgressLine } from '../progress.js';

export interface ProgressSink {
  stream: NodeJS.WritableStream & { isTTY?: boolean };
}

export class Progress {
  private readonly line: ProgressLine | undefined;

  constructor(sink: ProgressSink | undefined, label: string, totalBytes: number | undefined) {
    // only a terminal shows progress (createProgress draws nothing elsewhere); without a line, update() does not
    // even format its text (the first toLocaleString loads ICU's number formats: ~10 ms)
    this.line = sink?.stream.isTTY === true ? createProgress({ stream: sink.stream, label, unit: 'MB', total: totalBytes === undefined ? undefined : round1(totalBytes / 1e6) }) : undefined;
  }

  update(rows: number, bytes: number): void {
    this.line?.update(round1(bytes / 1e6), `${rows.toLocaleString('en-US')} rows`);
  }

  done(): void {
    this.line?.done();
  }
}

function round1(mb: number): number {
  return Math.round(mb * 10) / 10;
}
