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
 * objects and become null in arrays, non-finite numbers become null. Written out by hand
 * because it runs for every appended event.
 */
export function canonicalJson(value: unknown): string {
  return encode(value) ?? 'null';
}

function encode(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'; // the same digits JSON.stringify writes
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : encodeObject(value);
    case 'bigint':
      return JSON.stringify(value); // throws, as JSON.stringify does
    default:
      return undefined; // undefined, functions, symbols
  }
}

function encodeObject(value: object): string | undefined {
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === 'function') return encode(toJson.call(value));
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i > 0 ? ',' : '') + (encode(value[i]) ?? 'null');
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const encoded = encode(record[key]);
    if (encoded === undefined) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + encoded;
  }
  return `${out}}`;
}

/** An event's data and metadata as canonical JSON: computed once per append, stored, and hashed. */
export interface CanonicalPayload {
  dataJson: string;
  metadataJson: string;
}

/** Undefined data is written (and stored) as null. */
export function canonicalPayload(content: Pick<HashedContent, 'data' | 'metadata'>): CanonicalPayload {
  return { dataJson: canonicalJson(content.data), metadataJson: canonicalJson(content.metadata) };
}

/**
 * `canonicalJson` of the whole hashed content, assembled from the canonical payload: the keys in
 * sorted order are data, eventId, metadata, schemaVersion, streamId, streamVersion, type.
 * PostgreSQL's `events_append` assembles the same text (see its migration); keep them in step.
 */
export function canonicalContent(content: HashedContent, payload: CanonicalPayload = canonicalPayload(content)): string {
  return (
    `{"data":${payload.dataJson},"eventId":${JSON.stringify(content.eventId)},"metadata":${payload.metadataJson},` +
    `"schemaVersion":${canonicalJson(content.schemaVersion)},"streamId":${JSON.stringify(content.streamId)},` +
    `"streamVersion":${canonicalJson(content.streamVersion)},"type":${JSON.stringify(content.type)}}`
  );
}

/** sha256 (hex) over the canonical JSON of the event's content followed by the previous event's hash. */
export function chainHash(content: HashedContent, previousHash: string, payload?: CanonicalPayload): string {
  return createHash('sha256').update(canonicalContent(content, payload)).update(previousHash).digest('hex');
}
