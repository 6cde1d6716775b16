import { ApiCommand } from '../commands/api-command';
import type { CommandContext } from '../commands/command-context';

/** Signing a contract: the provider's standing on the day is looked up first. */
export class SignContractCommand extends ApiCommand {
  constructor(
    readonly contractId: string,
    context: CommandContext,
  ) {
    super(context);
  }
}
