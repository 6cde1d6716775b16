import { createHash } from 'node:crypto';

/** The hash a stream's first event links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The part of an event the hash covers: everything a reader relies on, not where or when it was stored. */
export interface HashedContent {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
}

/**
 * JSON with object keys sorted at every depth, so the same value always gives the same text
 * whatever order its keys were built in or how a database (jsonb) reordered them. Follows
 * JSON.stringify otherwise: `toJSON` is honoured, undefined and functions are left out of
 * objects and become null in arrays.
 */
export function canonicalJson(value: unknown): string {
  return encode(value) ?? 'null';
}

function encode(input: unknown): string | undefined {
  const value = hasToJson(input) ? input.toJSON() : input;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => encode(item) ?? 'null').join(',')}]`;
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const encoded = encode(record[key]);
    if (encoded !== undefined) members.push(`${JSON.stringify(key)}:${encoded}`);
  }
  return `{${members.join(',')}}`;
}

function hasToJson(value: unknown): value is { toJSON(): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** sha256 (hex) over the canonical JSON of the event's content followed by the previous event's hash. */
export function chainHash(content: HashedContent, previousHash: string): string {
  const canonical = canonicalJson({
    streamId: content.streamId,
    streamVersion: content.streamVersion,
    eventId: content.eventId,
    type: content.type,
    schemaVersion: content.schemaVersion,
    data: content.data,
    metadata: content.metadata,
  });
  return createHash('sha256').update(canonical).update(previousHash).digest('hex');
}
