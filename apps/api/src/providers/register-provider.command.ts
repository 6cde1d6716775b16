import type { RegisterProvider } from '@spinout/domain';
import { ApiCommand } from '../commands/api-command';
import type { CommandContext } from '../commands/command-context';

/** Registering a provider: its credit code is claimed for it first, so a legal entity registers once. */
export class RegisterProviderCommand extends ApiCommand {
  constructor(
    readonly data: RegisterProvider['data'],
    context: CommandContext,
  ) {
    super(context);
  }
}
