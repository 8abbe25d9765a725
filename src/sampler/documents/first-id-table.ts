/**
 * The first row of each id while rows stream in (their count unknown): FirstRowTable (keyed by the selection
 * key, confirmed by the id), rebuilt at twice the size when it fills.
 */
import { FirstRowTable } from '../scan/first-row-table.js';

export class FirstIdTable {
  private table = new FirstRowTable(1024);
  private capacity = 1024;

  /** The earlier row with `ids[row]`'s id, or -1 after recording `row` (rows 0..row-1 were offered before). */
  firstOf(row: number, keyHi: Uint32Array, keyLo: Uint32Array, ids: readonly string[]): number {
    if (row >= this.capacity) {
      this.capacity *= 2;
      this.table = new FirstRowTable(this.capacity);
      // rows kept so far have distinct ids: each is recorded again
      for (let r = 0; r < row; r++) this.table.firstOf(r, keyHi, keyLo, keyHi[r] as number, keyLo[r] as number, ids, ids[r]);
    }
    return this.table.firstOf(row, keyHi, keyLo, keyHi[row] as number, keyLo[row] as number, ids, ids[row]);
  }
}
