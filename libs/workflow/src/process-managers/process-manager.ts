import { Command, Decider, DomainError, Message } from '@spinout/domain';
import { EventMetadata, EventStore, Processor, runCommand, SqlExecutor, StoredEvent } from '@spinout/event-store';
import { eventIdsFor } from '../deterministic-id';

/** A command a process manager issues in reaction to one event of the log. */
export interface Reaction {
  decider: Decider<Command, Message, unknown>;
  streamId: string;
  command: Command;
}

export interface ProcessManagerLogger {
  log(message: string): void;
}

/**
 * A process manager is a processor that turns some events into commands on other aggregates.
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
export function processManager(options: {
  name: string;
  eventTypes: readonly string[];
  store: EventStore;
  react: (event: StoredEvent) => Promise<Reaction[]>;
  logger?: ProcessManagerLogger;
}): Processor {
  const { name, store, react, logger } = options;
  return {
    name,
    eventTypes: options.eventTypes,
    batchSize: 100,
    delivery: 'at-least-once',
    async handle(events: readonly StoredEvent[], _db: SqlExecutor): Promise<void> {
      for (const trigger of events) {
        const reactions = await react(trigger);
        for (const [index, reaction] of reactions.entries()) {
          await apply(store, name, trigger, reaction, index, logger);
        }
      }
    },
  };
}

async function apply(store: EventStore, name: string, trigger: StoredEvent, reaction: Reaction, index: number, logger?: ProcessManagerLogger) {
  const metadata: EventMetadata = {
    actor: `system:${name}`,
    correlationId: trigger.metadata.correlationId,
    causationId: trigger.eventId,
    occurredAt: reaction.command.at,
  };
  try {
    await runCommand({ ...reaction, store, metadata, eventIds: eventIdsFor(`${name}:${trigger.eventId}:${index}`) });
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'conflict') {
      logger?.log(`${name}: ${reaction.command.type} for ${reaction.streamId} skipped: ${error.message}`);
      return;
    }
    throw error;
  }
}
