import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { decidedCommand, type AggregateName, type DecidedCommandData, type DecidedCommandType } from './aggregates';
import type { ApiCommand, CommandOutcome } from './api-command';
import type { CommandContext } from './command-context';
import { ExecuteDomainCommand } from './execute-domain-command';

/** What the sender needs of the command bus (`CommandBus` is what is injected). */
export interface CommandDispatch {
  execute(command: ApiCommand): Promise<CommandOutcome>;
}

/**
 * The one way a controller writes: every use case goes on the command bus with the same context
 * and comes back as the same outcome. Headers are the response's business
 * (`CommandOutcomeInterceptor`), not the sender's.
 */
@Injectable()
export class CommandSender {
  constructor(@Inject(CommandBus) private readonly bus: CommandDispatch) {}

  /**
   * A command its aggregate decides alone. `type` must be one of the aggregate's commands and
   * `data` that command's data, e.g. `send('serviceUnit', id, 'ApproveReformPlan', {}, ctx)`.
   */
  send<A extends AggregateName, T extends DecidedCommandType<A>>(
    aggregate: A,
    id: string,
    type: T,
    data: DecidedCommandData<A, T>,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    return this.execute(
      new ExecuteDomainCommand(aggregate, id, decidedCommand<A, T>(type, { ...data }, context), context),
    );
  }

  /** A use case with a handler of its own (signing, awards, provider registration). */
  execute(command: ApiCommand): Promise<CommandOutcome> {
    return this.bus.execute(command);
  }
}
