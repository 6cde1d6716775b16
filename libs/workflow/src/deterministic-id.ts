import { createHash } from 'node:crypto';

/**
 * A name-based UUID (RFC 9562 version 5, SHA-1): the same namespace and name always give the
 * same id. Used wherever a retry must produce the same ids — events appended for an inbound
 * message, commands issued by a process manager for a given trigger event, demo data.
 */
export function uuidFromName(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`Namespace must be a UUID, got ${namespace}`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Spinout's own namespace for name-based ids. */
export const SPINOUT_NAMESPACE = '4f1c7a52-9d3e-4b8a-a6f0-2c5e8d7b1a90';

/** Event ids for the events a command appends in answer to `cause` (a message id, a trigger event id). */
export function eventIdsFor(cause: string): (index: number) => string {
  return (index) => uuidFromName(SPINOUT_NAMESPACE, `${cause}#${index}`);
}
