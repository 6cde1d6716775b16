import type { AggregateName, DecidedCommand } from './aggregates';
import { ApiCommand } from './api-command';
import type { CommandContext } from './command-context';

/** A command its aggregate decides alone, addressed to one aggregate instance. */
export class ExecuteDomainCommand<A extends AggregateName = AggregateName> extends ApiCommand {
  constructor(
    readonly aggregate: A,
    readonly id: string,
    readonly command: DecidedCommand<A>,
    context: CommandContext,
  ) {
    super(context);
  }
}
