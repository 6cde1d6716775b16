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

/**
 * An event's canonical JSON, computed once per append: its data and metadata (also what is
 * stored), and the whole content's canonical JSON split where the stream version goes, since
 * that is only known once the stream's head is read. `prefix + version + suffix` is
 * `canonicalJson({ data, eventId, metadata, schemaVersion, streamId, streamVersion, type })`
 * (those keys in sorted order), with undefined data written as null, the way it is stored.
 */
export interface CanonicalEvent {
  dataJson: string;
  metadataJson: string;
  prefix: string;
  suffix: string;
}

export function canonicalEvent(content: Omit<HashedContent, 'streamVersion'>): CanonicalEvent {
  const dataJson = canonicalJson(content.data);
  const metadataJson = canonicalJson(content.metadata);
  const prefix =
    `{"data":${dataJson},"eventId":${JSON.stringify(content.eventId)},"metadata":${metadataJson},` +
    `"schemaVersion":${canonicalJson(content.schemaVersion)},"streamId":${JSON.stringify(content.streamId)},"streamVersion":`;
  return { dataJson, metadataJson, prefix, suffix: `,"type":${JSON.stringify(content.type)}}` };
}

/** sha256 (hex) over the canonical JSON of the event's content followed by the previous event's hash. */
export function chainHash(content: HashedContent, previousHash: string): string {
  return linkHash(canonicalEvent(content), content.streamVersion, previousHash);
}

/** `chainHash` from an already computed canonical event. */
export function linkHash(canonical: Pick<CanonicalEvent, 'prefix' | 'suffix'>, streamVersion: number, previousHash: string): string {
  return createHash('sha256').update(canonical.prefix).update(String(streamVersion)).update(canonical.suffix).update(previousHash).digest('hex');
}
