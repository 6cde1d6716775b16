import { DomainError, type Command, type Decider, type Message } from '@spinout/domain';
import {
  loadState,
  runCommand,
  type EventMetadata,
  type EventStore,
  type Processor,
  type SqlExecutor,
  type StoredEvent,
} from '@spinout/event-store';
import { eventIdsFor } from '../deterministic-id';

/** What a reaction sees of the event it answers: the domain event, the stream it is in, and when it happened. */
export type Trigger<T extends Message> = T & { readonly streamId: string; readonly occurredAt: string };

/** A command a reaction issues, and the stream of the aggregate that is to decide it. */
export interface Reaction<C extends Command> {
  readonly streamId: string;
  readonly command: C;
}

/**
 * The state a reaction decides on: one aggregate's, as its stream stands when the trigger is
 * handled. The runtime reads the stream and folds it with the aggregate's decider.
 */
export interface StateRead<T extends Message, RC, RE extends Message, S> {
  readonly decider: Decider<RC, RE, S>;
  /** The stream to read for a trigger; undefined when the trigger names none, and nothing is done. */
  streamId(trigger: Trigger<T>): string | undefined;
}

export interface ProcessManagerLogger {
  log(message: string): void;
}

export interface ProcessManagerOptions<
  T extends Message,
  RC,
  RE extends Message,
  S,
  C extends Command,
  E extends Message,
  TS,
> {
  /** The processor's name: its checkpoint, and `system:<name>` is the actor of what it appends. */
  readonly name: string;
  readonly eventTypes: readonly T['type'][];
  readonly store: EventStore;
  readonly reads: StateRead<T, RC, RE, S>;
  /** The decision, pure: the commands for a trigger, given the state it reads. */
  readonly react: (trigger: Trigger<T>, state: S) => readonly Reaction<C>[];
  /** The decider of the aggregate the commands go to. */
  readonly sendsTo: Decider<C, E, TS>;
  readonly logger?: ProcessManagerLogger;
}

/**
 * A process manager is a processor that turns some events into commands on other aggregates.
 * What to do is its `react` function, pure; this runtime loads the state the reaction reads
 * (`reads`), calls it, and runs each command it returns with the aggregate's decider.
 *
 * It is driven by the event log from a stored checkpoint (not in-memory sagas), so it survives
 * restarts. Its commands append through the event store, each in a transaction of its own, so it
 * runs at least once (`delivery`): the runtime holds no transaction open while it reads and
 * appends (none to hold back readers of the log, none to pin a pooled connection while the
 * appends need another), and records the checkpoint afterwards. Each reaction's event ids derive
 * from the trigger event's id: after a crash or a lost lease between the append and the
 * checkpoint, the replayed reaction appends nothing new. A reaction the target refuses as a
 * conflict (already done, or no longer applicable — the unit moved on) is skipped with a log
 * line; any other error fails the batch for the runtime to retry or park.
 */
export function processManager<T extends Message, RC, RE extends Message, S, C extends Command, E extends Message, TS>(
  options: ProcessManagerOptions<T, RC, RE, S, C, E, TS>,
): Processor<T> {
  const { name, store, reads, react, sendsTo, logger } = options;
  return {
    name,
    eventTypes: options.eventTypes,
    batchSize: 100,
    delivery: 'at-least-once',
    async handle(events: readonly StoredEvent<T>[], _db: SqlExecutor): Promise<void> {
      // States read in this batch, by stream. A stream read once already holds every trigger of
      // the batch (they were in the log before it was read), so the next trigger on it is decided
      // on the same state, until a reaction appends to that stream, which drops it.
      const states = new Map<string, S>();
      for (const event of events) {
        const trigger: Trigger<T> = { ...event, occurredAt: event.metadata.occurredAt };
        const streamId = reads.streamId(trigger);
        if (streamId === undefined) continue;
        let state = states.get(streamId);
        if (state === undefined) {
          state = (await loadState(store, reads.decider, streamId)).state;
          states.set(streamId, state);
        }
        for (const [index, reaction] of react(trigger, state).entries()) {
          states.delete(reaction.streamId);
          await apply(store, sendsTo, name, event, reaction, index, logger);
        }
      }
    },
  };
}

async function apply<C extends Command, E extends Message, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  name: string,
  trigger: StoredEvent,
  reaction: Reaction<C>,
  index: number,
  logger?: ProcessManagerLogger,
): Promise<void> {
  const metadata: EventMetadata = {
    actor: `system:${name}`,
    correlationId: trigger.metadata.correlationId,
    causationId: trigger.eventId,
    occurredAt: reaction.command.at,
  };
  try {
    await runCommand({
      store,
      decider,
      streamId: reaction.streamId,
      command: reaction.command,
      metadata,
      eventIds: eventIdsFor(`${name}:${trigger.eventId}:${index}`),
    });
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'conflict') {
      logger?.log(`${name}: ${reaction.command.type} for ${reaction.streamId} skipped: ${error.message}`);
      return;
    }
    throw error;
  }
}
