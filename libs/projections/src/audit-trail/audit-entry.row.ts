import { col, type TableSpec } from '../sql/table';

/** One event as auditors read it: who did what, when and why, in answer to what. */
export interface AuditEntryRow {
  /** The event's global position: unique, and the order entries are paged in. */
  globalPosition: number;
  eventId: string;
  streamId: string;
  /** The stream's category: the part of the stream id before the first `-` (e.g. `contract`). */
  category: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  actor: string;
  reason: string | null;
  occurredAt: string;
  recordedAt: string;
  correlationId: string | null;
  causationId: string | null;
}

/** Append-only: entries are inserted once and never loaded back by the processor. */
export const AUDIT_TRAIL_TABLE: TableSpec<AuditEntryRow> = {
  name: 'audit_trail',
  key: ['globalPosition'],
  columns: {
    globalPosition: col.bigint,
    eventId: col.text,
    streamId: col.text,
    category: col.text,
    streamVersion: col.integer,
    type: col.text,
    schemaVersion: col.integer,
    actor: col.text,
    reason: col.text.null,
    occurredAt: col.text,
    recordedAt: col.text,
    correlationId: col.text.null,
    causationId: col.text.null,
  },
};
