import type { RecordAward } from '@spinout/domain';
import { ApiCommand } from '../commands/api-command';
import type { CommandContext } from '../commands/command-context';

/** Recording a tender's award on a unit in procurement: the provider must be eligible on the day. */
export class RecordAwardCommand extends ApiCommand {
  constructor(
    readonly unitId: string,
    readonly award: RecordAward['data'],
    context: CommandContext,
  ) {
    super(context);
  }
}
