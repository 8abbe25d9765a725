/** Missing or empty metadata: no metadata at all, or every value empty. */
export function isMissingMetadata(metadata: Record<string, unknown> | null): boolean {
  if (metadata === null) return true;
  // own keys of a plain or parsed object (no array of values per row)
  for (const k in metadata) {
    const v = metadata[k];
    if (!(v === null || v === undefined || (typeof v === 'string' && v.trim() === ''))) return false;
  }
  return true;
}
