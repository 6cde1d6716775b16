import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore, runCommand } from '@spinout/event-store';
import { EVENT_STORE } from '../database/database.tokens';
import { deciderOf, streamIdOf } from './aggregates';
import type { CommandOutcome } from './api-command';
import { ExecuteDomainCommand } from './execute-domain-command';

/** Thin glue: the generic runner reads, folds, decides and appends with the expected version. */
@CommandHandler(ExecuteDomainCommand)
export class ExecuteDomainCommandHandler implements ICommandHandler<ExecuteDomainCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ aggregate: name, id, command, context }: ExecuteDomainCommand): Promise<CommandOutcome> {
    const { reason } = command.data as { reason?: unknown };
    const result = await runCommand({
      store: this.store,
      decider: deciderOf(name),
      streamId: streamIdOf(name, id),
      command,
      // A person's reason (rejection, suspension, reopening, …) is kept with the events as well.
      metadata: typeof reason === 'string' && reason !== '' ? { ...context.metadata, reason } : context.metadata,
      expectedVersion: context.expectedVersion,
      newStream: context.newId === id,
      eventIds: context.eventIds,
    });
    return { id, version: result.version };
  }
}
