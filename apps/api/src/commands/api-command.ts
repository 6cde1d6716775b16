import { Command } from '@nestjs/cqrs';
import type { CommandContext } from './command-context';

/** What every write answers: the aggregate it acted on and its stream version afterwards (the ETag). */
export interface CommandOutcome {
  id: string;
  version: number;
}

/**
 * A use case on the command bus (ADR 003): its own data, the one command context and the one
 * outcome. Each subclass has exactly one handler.
 */
export abstract class ApiCommand extends Command<CommandOutcome> {
  protected constructor(readonly context: CommandContext) {
    super();
  }
}
