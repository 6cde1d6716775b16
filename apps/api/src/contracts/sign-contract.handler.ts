import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@spinout/event-store';
import { signContract } from '@spinout/workflow';
import type { CommandOutcome } from '../commands/api-command';
import { EVENT_STORE } from '../database/database.tokens';
import { SignContractCommand } from './sign-contract.command';

/** Thin glue around workflow's `signContract`, the rule the demo programme signs by as well. */
@CommandHandler(SignContractCommand)
export class SignContractHandler implements ICommandHandler<SignContractCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ contractId, context }: SignContractCommand): Promise<CommandOutcome> {
    const result = await signContract(this.store, { contractId, ...context });
    return { id: contractId, version: result.version };
  }
}
