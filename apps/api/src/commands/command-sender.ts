import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { AggregateName, DecidedCommand, DecidedCommandData, DecidedCommandType } from './aggregates';
import type { ApiCommand, CommandOutcome } from './api-command';
import type { CommandContext } from './command-context';
import { ExecuteDomainCommand } from './execute-domain-command';

/**
 * The one way a controller writes: every use case goes on the command bus with the same context
 * and comes back as the same outcome. Headers are the response's business
 * (`CommandOutcomeInterceptor`), not the sender's.
 */
@Injectable()
export class CommandSender {
  constructor(private readonly bus: CommandBus) {}

  /**
   * A command its aggregate decides alone. `type` must be one of the aggregate's commands and
   * `data` that command's data, e.g. `send('serviceUnit', id, 'ApproveReformPlan', {}, ctx)`.
   */
  send<A extends AggregateName, T extends DecidedCommandType<A>>(aggregate: A, id: string, type: T, data: DecidedCommandData<A, T>, context: CommandContext): Promise<CommandOutcome> {
    // The parameters tie `data` to `type`; TypeScript cannot narrow a generic pair back to one union member.
    const command = { type, data: { ...data }, actor: context.actor, at: context.at } as unknown as DecidedCommand<A>;
    return this.execute(new ExecuteDomainCommand(aggregate, id, command, context));
  }

  /** A use case with a handler of its own (signing, awards, provider registration). */
  execute(command: ApiCommand): Promise<CommandOutcome> {
    return this.bus.execute(command);
  }
}
