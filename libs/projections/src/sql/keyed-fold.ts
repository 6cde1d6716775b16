import type { Message } from '@spinout/domain';
import type { SqlExecutor, StoredEvent } from '@spinout/event-store';
import { loadByKeys } from './statements';
import { encodeKey, keyOf, type TableSpec } from './table';

/** A projection of the events `E` whose every event names the one row it changes. */
export interface KeyedProjection<Row, E extends Message> {
  readonly table: TableSpec<Row>;
  /** The key of the row the event changes (the key columns' values), or undefined to skip it. */
  keyOfEvent(event: StoredEvent<E>): readonly string[] | undefined;
  /** The pure projector: the row after the event (undefined: no row, e.g. an event before the row's first). */
  project(row: Row | undefined, event: StoredEvent<E>): Row | undefined;
}

/**
 * Folds a batch in memory: one load of every row the batch names, `project` per event in
 * log order, and the changed rows back (for one multi-row upsert).
 */
export async function foldKeyed<Row, E extends Message>(
  tx: SqlExecutor,
  projection: KeyedProjection<Row, E>,
  events: readonly StoredEvent<E>[],
): Promise<Row[]> {
  const keys = new Map<string, readonly string[]>();
  const eventKeys = events.map((event) => {
    const key = projection.keyOfEvent(event);
    if (key === undefined) return undefined;
    const encoded = encodeKey(key);
    keys.set(encoded, key);
    return encoded;
  });
  if (keys.size === 0) return [];
  const rows = new Map<string, Row>();
  for (const row of await loadByKeys(tx, projection.table, [...keys.values()]))
    rows.set(keyOf(projection.table, row), row);
  const changed = new Set<string>();
  events.forEach((event, index) => {
    const key = eventKeys[index];
    if (key === undefined) return;
    const row = rows.get(key);
    const next = projection.project(row, event);
    if (next === undefined || next === row) return;
    rows.set(key, next);
    changed.add(key);
  });
  return [...changed].map((key) => rows.get(key) as Row);
}
