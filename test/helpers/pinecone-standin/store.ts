import type { PineconeMetric } from './scoring.js';

export type MetadataValue = string | number | boolean | string[];
export type StoredMetadata = Record<string, MetadataValue>;

export interface StoredVector {
  id: string;
  values: number[];
  metadata?: StoredMetadata;
}

export interface IndexState {
  name: string;
  dimension: number;
  metric: PineconeMetric;
  cloud: string;
  region: string;
  deletionProtection: 'enabled' | 'disabled';
  tags: Record<string, string>;
  /** epoch ms when the index reports ready (readiness knob) */
  readyAt: number;
  /** namespace name -> id -> vector; the default namespace is stored as "__default__" */
  namespaces: Map<string, Map<string, StoredVector>>;
}

/** Pinecone's default namespace is "" on the wire in older API versions and "__default__" in SDK 8. */
export function namespaceKey(ns: unknown): string {
  return typeof ns === 'string' && ns !== '' ? ns : '__default__';
}
