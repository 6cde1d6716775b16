import { randomUUID } from 'node:crypto';
import type { Decider, Message } from '@spinout/decider';
import { ConcurrencyError } from './errors';
import type { EventMetadata, EventStore, NewEvent } from './event-store.port';
import { foldStream } from './stored-events';

export interface RunCommandOptions<C, E extends Message, S> {
  store: EventStore;
  decider: Decider<C, E, S>;
  streamId: string;
  command: C;
  /** Stored with every event the command produces. */
  metadata: EventMetadata;
  /** From If-Match: the stream must be at exactly this version, or the command fails with ConcurrencyError. */
  expectedVersion?: number;
  /**
   * The caller has just drawn this stream's id (a create under a new random id): the first
   * attempt decides on the initial state without reading the stream, which saves a round trip.
   * Should the stream exist after all, the append refuses (`no_stream`) and the command is read
   * and decided again, as after any lost race. Ignored with an `expectedVersion`.
   */
  newStream?: boolean;
  /** Deterministic event ids (e.g. derived from an inbound message id); random UUIDs when absent. */
  eventIds?: (index: number) => string;
  /** Schema version new events of a type are written with (default: the store's current version for the type, else 1). */
  schemaVersionOf?: (type: string) => number;
}

export interface RunCommandResult<S> {
  /** The stream's version afterwards: the next expected version, the ETag. */
  version: number;
  state: S;
  /** The events the command produced, as appended (or found already stored when `appended` is false). */
  events: NewEvent[];
  /** False when the command produced no events, or all of them were already stored (a retry). */
  appended: boolean;
}

/** Attempts when the caller gave no expected version and another writer got in between read and append. */
const ATTEMPTS_WITHOUT_IF_MATCH = 3;

/**
 * The one generic command handler: reads the stream, folds it with `evolve`, checks If-Match,
 * calls `decide`, and appends the new events with the version it read as expected version.
 */
export async function runCommand<C, E extends Message, S>(
  options: RunCommandOptions<C, E, S>,
): Promise<RunCommandResult<S>> {
  const { store, decider, streamId, command, metadata, expectedVersion } = options;
  const attempts = expectedVersion === undefined ? ATTEMPTS_WITHOUT_IF_MATCH : 1;
  for (let attempt = 1; ; attempt += 1) {
    const { version, state } =
      attempt === 1 && options.newStream === true && expectedVersion === undefined
        ? { version: 0, state: decider.initialState }
        : await loadState(store, decider, streamId);
    if (expectedVersion !== undefined && version !== expectedVersion) {
      throw new ConcurrencyError(streamId, String(expectedVersion), version);
    }
    const decided = decider.decide(command, state);
    if (decided.length === 0) return { version, state, events: [], appended: false };
    const events: NewEvent[] = decided.map((event, index) => ({
      eventId: options.eventIds?.(index) ?? randomUUID(),
      type: event.type,
      schemaVersion: options.schemaVersionOf?.(event.type) ?? store.currentSchemaVersion?.(event.type) ?? 1,
      data: event.data,
      metadata,
    }));
    try {
      const result = await store.append(streamId, events, version === 0 ? 'no_stream' : version);
      if (!result.appended) {
        // Already stored, possibly by a racing retry we did not read: fold what is really there.
        const current = await loadState(store, decider, streamId);
        return { version: current.version, state: current.state, events, appended: false };
      }
      return {
        version: result.nextExpectedVersion,
        state: decided.reduce((s, e) => decider.evolve(s, e), state),
        events,
        appended: true,
      };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= attempts) throw error;
    }
  }
}

/** Reads a stream and folds it with the decider's `evolve`: the state and version a command would see (version 0: no stream). */
export async function loadState<C, E extends Message, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
): Promise<{ version: number; state: S }> {
  const stored = await store.readStream(streamId);
  return {
    version: stored.length > 0 ? stored[stored.length - 1].streamVersion : 0,
    state: foldStream(decider, stored),
  };
}
