import type { Message } from '@spinout/decider';

/**
 * The event store port. Adapters: SQL (TypeORM on PostgreSQL or SQLite) and, later,
 * KurrentDB. Shaped after KurrentDB's semantics so that adapter can implement it:
 * expected revision any | no_stream | stream_exists | exact, opaque comparable log positions.
 *
 * Stream versions are 1-based here: the first event of a stream has version 1, and a stream
 * that does not exist has version 0. (KurrentDB's revision is version − 1.)
 */

/** Who did what, when, why, and in answer to what. Stored with every event. */
export interface EventMetadata {
  /** The authenticated principal (JWT subject), or a system actor such as `system:process-manager`. */
  actor: string;
  /** Why a person decided, where a person decided. */
  reason?: string;
  correlationId: string;
  causationId?: string;
  /** When it happened in the world (ISO 8601); `recordedAt` is when the store wrote it. */
  occurredAt: string;
  [key: string]: unknown;
}

/** An event about to be appended. */
export interface NewEvent<Data = unknown> {
  eventId: string;
  /** Stable type string, never derived from a class name. */
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
}

/**
 * An opaque position in the whole log. Checkpoints compare as strings
 * (`compareCheckpoints`): a later event always has a greater checkpoint.
 */
export type Checkpoint = string & { readonly __brand: 'Checkpoint' };

export function compareCheckpoints(a: Checkpoint | null, b: Checkpoint | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** Where and when the store wrote an event, besides the event itself. */
export interface StoredEventEnvelope {
  eventId: string;
  schemaVersion: number;
  metadata: EventMetadata;
  streamId: string;
  streamVersion: number;
  /** Monotonic insertion number; for display and lag. Order readers by `checkpoint`. */
  globalPosition: number;
  checkpoint: Checkpoint;
  /** ISO 8601 time the store recorded the event. */
  recordedAt: string;
  /** Hash over this event's canonical content chained to the previous event's hash in its stream. */
  hash: string;
}

/**
 * An event as the store gives it back: the domain event (`type`, `data`) in its envelope. `E` is
 * the union a reader declares it reads; for a union the type is a union too, so a switch on
 * `type` narrows `data`. Anything read from the store is a `StoredEvent` (of every type); it
 * becomes a `StoredEvent<E>` through `isEventOf`, which checks the stored type, or is handed to a
 * processor that declared `E` (the runtime passes it only the types it lists).
 */
export type StoredEvent<E extends Message = Message> = StoredEventEnvelope & E;

/** Expected version of the stream at append time. */
export type ExpectedVersion = number | 'any' | 'no_stream' | 'stream_exists';

export interface AppendResult {
  /** The stream's version after the append (use as the next expected version / ETag). */
  nextExpectedVersion: number;
  /** False when every event id was already stored with the same content (idempotent retry). */
  appended: boolean;
  /** Checkpoint of the last event of this append. */
  lastCheckpoint: Checkpoint;
}

export interface ReadAllResult {
  events: StoredEvent[];
  /** Where to continue from; equals the input when nothing new was read. */
  checkpoint: Checkpoint | null;
  /**
   * Entries of the log the read went over: `events.length`, or more when only some types were
   * asked for. A read over `limit` entries may have more behind it.
   */
  scanned: number;
}

/** What verification found wrong with a stream. */
export type VerificationFindingKind =
  /** The event's stored content no longer gives its hash, or its link to the previous event changed. */
  | 'hash_mismatch'
  /** Versions missing before this event: events were deleted from inside the stream. */
  | 'version_gap'
  /** The stored data or metadata is not valid JSON. */
  | 'unreadable'
  /** The stream ends before the head recorded for it: its last events were deleted. */
  | 'tail_missing'
  /** A head is recorded for the stream but none of its events is stored: the stream was deleted. */
  | 'stream_missing'
  /** The stream's events are stored but no head is recorded for them. */
  | 'head_missing'
  /** The event at the recorded head's version is not the one the head recorded. */
  | 'head_mismatch';

export interface VerificationFinding {
  streamId: string;
  /** The event concerned; for a missing tail or stream, the last event the head recorded. */
  streamVersion: number;
  eventId: string;
  kind: VerificationFindingKind;
  /** What is wrong, in a sentence. */
  problem: string;
}

export interface VerificationReport {
  ok: boolean;
  /** Streams with stored events or a recorded head that were looked at. */
  streamsChecked: number;
  eventsChecked: number;
  /** Every finding, stream by stream (a stream may have several). Empty when `ok`. */
  findings: VerificationFinding[];
  /** The first finding, if any. */
  firstBroken?: VerificationFinding;
  /** Set when a bounded verification stopped early: the last stream checked, to continue after. */
  next?: string;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  /** Events of one stream with version ≥ fromVersion (default 1), upcast to their current schema. */
  readStream(streamId: string, fromVersion?: number): Promise<StoredEvent[]>;
  /**
   * The whole log after a checkpoint (null = from the start), in a stable order, at most
   * `limit` events. Never skips an event that commits later with a lower position. With
   * `types`, it goes over the same `limit` entries of the log but answers only the events of
   * those types, and the checkpoint of the last entry it went over: a reader that wants a few
   * types moves through the log as fast as one that wants them all, without fetching the rest.
   */
  readAll(after: Checkpoint | null, limit: number, types?: readonly string[]): Promise<ReadAllResult>;
  /** Checkpoint of the newest event readers may see now (null for an empty log). */
  headCheckpoint(): Promise<Checkpoint | null>;
  /**
   * Count of committed events after a checkpoint (for lag), including those `readAll` cannot
   * return yet because an older transaction is still open (PostgreSQL, ADR 002). With
   * `exactUpTo`, counts at most that many; from there on it answers the distance in log
   * positions from the checkpoint to the newest event, an estimate (it also counts the positions
   * of appends that rolled back) that costs a few index reads however far behind the reader is.
   */
  countAfter(after: Checkpoint | null, exactUpTo?: number): Promise<number>;
  /** Walks one stream, or every stream, and reports every broken hash link and every stream that differs from its recorded head. */
  verify(streamId?: string): Promise<VerificationReport>;
  /** The schema version new events of a type are written with (its upcasters' target); 1 when absent. */
  currentSchemaVersion?(type: string): number;
}
