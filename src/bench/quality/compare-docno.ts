/**
 * strcmp order on UTF-8 bytes, which is code-point order. JavaScript's `<` compares UTF-16 code units and differs
 * for characters outside the BMP, so trec_eval's tie-breaks need this.
 */
export function compareDocno(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca < 0xd800 && cb < 0xd800) return ca - cb;
    return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
  }
  return a.length - b.length;
}
