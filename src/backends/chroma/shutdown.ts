/**
 * Stops child servers when this process ends. `exit` handlers must be synchronous, so they can only send
 * SIGTERM; SIGINT/SIGTERM/SIGHUP get the full async stop (SIGTERM, grace, SIGKILL) and are then re-raised so
 * the process ends with the signal's usual status. Handlers are installed only while a server is running.
 */
export interface Stoppable {
  stop(): Promise<void>;
  stopSync(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const live = new Set<Stoppable>();
let installed = false;

function onExit(): void {
  for (const s of live) s.stopSync();
}

function onSignal(signal: NodeJS.Signals): void {
  uninstall();
  const all = [...live].map((s) => s.stop().catch(() => undefined));
  void Promise.all(all).finally(() => process.kill(process.pid, signal));
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  for (const sig of SIGNALS) process.on(sig, onSignal);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off('exit', onExit);
  for (const sig of SIGNALS) process.off(sig, onSignal);
}

/** Registers a running server; the returned function unregisters it (call it once the server is stopped). */
export function stopOnShutdown(s: Stoppable): () => void {
  live.add(s);
  install();
  return () => {
    live.delete(s);
    if (live.size === 0) uninstall();
  };
}
