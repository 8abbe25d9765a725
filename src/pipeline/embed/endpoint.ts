/**
 * Where an openai-compatible embedder POSTs: `<url>/embeddings` for a base URL (e.g. http://127.0.0.1:11434/v1),
 * or the URL itself when its path already ends in /embeddings (Azure's
 * `.../openai/deployments/<d>/embeddings?api-version=...`, query kept).
 */
export function endpointOf(url: string): URL {
  const u = new URL(url);
  if (!/\/embeddings\/?$/.test(u.pathname)) u.pathname = `${u.pathname.replace(/\/+$/, '')}/embeddings`;
  return u;
}
