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

/**
 * The canonical JSON of an event's content split around its stream version, which is only known
 * once the stream's head is read: `prefix + version + suffix` is the canonical JSON of the whole
 * content (keys sort as data, eventId, metadata, schemaVersion, streamId, streamVersion, type).
 * PostgreSQL's append function completes it with the version and chains the hash server-side.
 */
export function canonicalParts(content: Omit<HashedContent, 'streamVersion'>): { prefix: string; suffix: string } {
  const marker = canonicalJson({ ...pick(content), streamVersion: 0 });
  const at = marker.lastIndexOf(',"streamVersion":0,"type":') + ',"streamVersion":'.length;
  return { prefix: marker.slice(0, at), suffix: marker.slice(at + 1) };
}

/** sha256 (hex) over the canonical JSON of the event's content followed by the previous event's hash. */
export function chainHash(content: HashedContent, previousHash: string): string {
  const canonical = canonicalJson({ ...pick(content), streamVersion: content.streamVersion });
  return createHash('sha256').update(canonical).update(previousHash).digest('hex');
}

function pick(content: Omit<HashedContent, 'streamVersion'>): Omit<HashedContent, 'streamVersion'> {
  const { streamId, eventId, type, schemaVersion, data, metadata } = content;
  return { streamId, eventId, type, schemaVersion, data, metadata };
}
