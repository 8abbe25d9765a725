import { createServer } from 'node:net';

/**
 * A free TCP port on the loopback interface: listen on port 0, read the port the kernel picked, close.
 * Another process can take the port between close and the server's bind; the caller retries on "address in use".
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : undefined;
      srv.close(() => (port ? resolve(port) : reject(new Error(`no port assigned on ${host}`))));
    });
  });
}
