import type { StoredEvent } from '@spinout/event-store';

/** When the event happened in the world (the command's time), or when it was recorded if no time was given. */
export function occurredAt(event: StoredEvent): string {
  const at = event.metadata?.occurredAt;
  return typeof at === 'string' && at !== '' ? at : event.recordedAt;
}

/** `data.<field>` of an event when it is a string. */
export function dataString(event: StoredEvent, field: string): string | undefined {
  const data = event.data as Record<string, unknown> | null;
  const value = data !== null && typeof data === 'object' ? data[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The one currency of a set of amounts, or `MIXED` when they disagree (sums are then not meaningful). */
export function currencyOf(counts: Readonly<Record<string, number>>): string | null {
  const codes = Object.keys(counts).filter((code) => counts[code] > 0);
  if (codes.length === 0) return null;
  return codes.length === 1 ? codes[0] : 'MIXED';
}

/** The later of two ISO 8601 instants (compared as instants, whatever their offsets). */
export function laterOf(a: string, b: string): string {
  const [ta, tb] = [Date.parse(a), Date.parse(b)];
  if (Number.isNaN(ta)) return b;
  if (Number.isNaN(tb)) return a;
  return tb > ta ? b : a;
}
