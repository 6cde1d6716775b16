import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventStore, runCommand } from '@spinout/event-store';
import { EVENT_STORE } from '../database/database.tokens';
import { aggregate, streamIdOf } from './aggregates';
import { CommandOutcome, ExecuteDomainCommand } from './execute-domain-command';
import { eventMetadata } from './request-context';

/** Thin glue: the generic runner reads, folds, decides and appends with the expected version. */
@CommandHandler(ExecuteDomainCommand)
export class ExecuteDomainCommandHandler implements ICommandHandler<ExecuteDomainCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ aggregate: name, id, command, context, eventIds }: ExecuteDomainCommand): Promise<CommandOutcome> {
    const data = command.data as { reason?: unknown };
    const result = await runCommand({
      store: this.store,
      decider: aggregate(name).decider,
      streamId: streamIdOf(name, id),
      command,
      metadata: eventMetadata(context, typeof data.reason === 'string' ? data.reason : undefined),
      expectedVersion: context.expectedVersion,
      eventIds,
    });
    return { id, version: result.version };
  }
}
