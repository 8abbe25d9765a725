/**
 * Pinecone's two error shapes, as the SDK 8.x OpenAPI models define them:
 * - control plane (db_control ErrorResponse): `{"error":{"code":"INVALID_ARGUMENT","message":"..."},"status":400}`
 * - data plane (db_data RpcStatus, gRPC-gateway): `{"code":3,"message":"...","details":[]}`
 */
export type ControlCode =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE';

export class StandinError extends Error {
  constructor(
    readonly status: number,
    readonly code: ControlCode,
    message: string,
  ) {
    super(message);
  }
}

/** gRPC status numbers for the data plane's RpcStatus.code */
const GRPC: Record<ControlCode, number> = {
  INVALID_ARGUMENT: 3,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  FORBIDDEN: 7,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
};

export function controlBody(err: StandinError): unknown {
  return { error: { code: err.code, message: err.message }, status: err.status };
}

export function dataBody(err: StandinError): unknown {
  return { code: GRPC[err.code], message: err.message, details: [] };
}

export const badRequest = (message: string): StandinError => new StandinError(400, 'INVALID_ARGUMENT', message);
export const notFound = (message: string): StandinError => new StandinError(404, 'NOT_FOUND', message);
