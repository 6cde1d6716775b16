import { hash } from 'node:crypto';

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
 * whatever order its keys were built in or how a database (jsonb) reordered them. Otherwise
 * exactly JSON.stringify: `toJSON` is honoured, undefined and functions are left out of objects
 * and become null in arrays, non-finite numbers become null.
 *
 * It runs for every appended event, so the usual case copies the value with its keys inserted in
 * sorted order and lets the native JSON.stringify write it. That fails only for keys that look
 * like array indexes ("0", "12"), which JavaScript objects always list first in numeric order;
 * such values are written out by hand.
 */
export function canonicalJson(value: unknown): string {
  const sorted = sortedCopy(value);
  return (sorted === INDEX_LIKE_KEY ? encode(value) : JSON.stringify(sorted)) ?? 'null';
}

const INDEX_LIKE_KEY = Symbol('index-like key');
const INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/;

function sortedCopy(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const toJson = (input as { toJSON?: unknown }).toJSON;
  if (typeof toJson === 'function') return sortedCopy(toJson.call(input));
  if (Array.isArray(input)) {
    const out: unknown[] = new Array<unknown>(input.length);
    for (let i = 0; i < input.length; i += 1) {
      const item = sortedCopy(input[i]);
      if (item === INDEX_LIKE_KEY) return INDEX_LIKE_KEY;
      out[i] = item;
    }
    return out;
  }
  const record = input as Record<string, unknown>;
  const out = Object.create(null) as Record<string, unknown>; // so "__proto__" stays a plain key
  for (const key of Object.keys(record).sort()) {
    if (INDEX_LIKE.test(key)) return INDEX_LIKE_KEY;
    const item = sortedCopy(record[key]);
    if (item === INDEX_LIKE_KEY) return INDEX_LIKE_KEY;
    out[key] = item;
  }
  return out;
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
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined; // left out, as JSON.stringify leaves them out
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
  let out = '{';
  for (const key of Object.keys(record).sort()) {
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
 */
export function canonicalContent(
  content: HashedContent,
  payload: CanonicalPayload = canonicalPayload(content),
): string {
  return (
    `{"data":${payload.dataJson},"eventId":${JSON.stringify(content.eventId)},"metadata":${payload.metadataJson},` +
    `"schemaVersion":${canonicalJson(content.schemaVersion)},"streamId":${JSON.stringify(content.streamId)},` +
    `"streamVersion":${canonicalJson(content.streamVersion)},"type":${JSON.stringify(content.type)}}`
  );
}

/** sha256 (hex) over the canonical JSON of the event's content followed by the previous event's hash. */
export function chainHash(content: HashedContent, previousHash: string, payload?: CanonicalPayload): string {
  return hash('sha256', canonicalContent(content, payload) + previousHash, 'hex');
}
