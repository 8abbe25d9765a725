/**
 * The embedding cell of a row whose vector was already handled per record batch (read-rows.ts,
 * BatchRangeOptions.bulk): its length, and the promise that every value is finite. A module of its own, without
 * apache-arrow, because the row validator checks for it and the CSV workers must not load apache-arrow (about
 * 80 ms and 20 MB each).
 */
export class BulkEmbedding {
  constructor(readonly length: number) {}
}
