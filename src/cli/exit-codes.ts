import type { ErrorCode } from '../errors.js';

/** DESIGN §8: 0 ok, 1 regression or check failed, 2 usage or input error, 3 refused, 4 backend unavailable. */
export const EXIT = { ok: 0, failed: 1, usage: 2, refused: 3, unavailable: 4, internal: 70 } as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'USAGE':
    case 'INPUT':
      return EXIT.usage;
    case 'CHECK_FAILED':
      return EXIT.failed;
    case 'REFUSED':
      return EXIT.refused;
    case 'BACKEND_UNAVAILABLE':
      return EXIT.unavailable;
    case 'INTERNAL':
      return EXIT.internal;
  }
}
