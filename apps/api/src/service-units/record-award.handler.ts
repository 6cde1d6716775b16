import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@spinout/event-store';
import { recordAward } from '@spinout/workflow';
import type { CommandOutcome } from '../commands/api-command';
import { EVENT_STORE } from '../database/database.tokens';
import { RecordAwardCommand } from './record-award.command';

/** Thin glue around workflow's `recordAward`, the award rule the Kafka consumer uses as well. */
@CommandHandler(RecordAwardCommand)
export class RecordAwardHandler implements ICommandHandler<RecordAwardCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ unitId, award, context }: RecordAwardCommand): Promise<CommandOutcome> {
    const result = await recordAward(this.store, { unitId, award, ...context });
    return { id: unitId, version: result.version };
  }
}
