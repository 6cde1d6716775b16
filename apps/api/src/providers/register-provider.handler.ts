import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@spinout/event-store';
import { registerProvider, UniqueClaims } from '@spinout/workflow';
import type { CommandOutcome } from '../commands/api-command';
import { EVENT_STORE } from '../database/database.tokens';
import { RegisterProviderCommand } from './register-provider.command';

/** Thin glue around workflow's `registerProvider`. A registration starts a new stream: If-Match does not apply. */
@CommandHandler(RegisterProviderCommand)
export class RegisterProviderHandler implements ICommandHandler<RegisterProviderCommand, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly claims: UniqueClaims,
  ) {}

  async execute({
    data,
    context: { actor, at, metadata, eventIds },
  }: RegisterProviderCommand): Promise<CommandOutcome> {
    const result = await registerProvider(this.store, this.claims, { data, actor, at, metadata, eventIds });
    return { id: data.providerId, version: result.version };
  }
}
