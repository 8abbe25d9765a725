/** Missing or empty metadata: no metadata at all, or every value empty. */
export function isMissingMetadata(metadata: Record<string, unknown> | null): boolean {
  if (metadata === null) return true;
  const values = Object.values(metadata);
  return values.length === 0 || values.every((v) => v === null || v === undefined || (typeof v === 'string' && v.trim() === ''));
}
