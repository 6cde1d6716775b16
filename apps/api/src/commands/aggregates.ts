import {
  AggregateName, Command, ContractCommand, contractDecider, Decider, Message, ProviderCommand, providerDecider, RecordAward,
  RegisterProvider, ServiceUnitCommand, serviceUnitDecider, SignContract, streamIdOf,
} from '@spinout/domain';

export { AggregateName, streamIdOf };

/** Each aggregate's command union, as its decider declares it. */
export interface AggregateCommands {
  serviceUnit: ServiceUnitCommand;
  provider: ProviderCommand;
  contract: ContractCommand;
}

/**
 * Commands whose use case reads or claims something beyond their own stream first (the
 * provider's standing for signing and awards, the credit code for a registration). They have
 * command classes and handlers of their own, so the generic path cannot bypass that rule.
 */
type OwnUseCase = SignContract | RecordAward | RegisterProvider;

/** The commands an aggregate decides alone: sent with `CommandSender.send`. */
export type DecidedCommand<A extends AggregateName> = Exclude<AggregateCommands[A], OwnUseCase>;
export type DecidedCommandType<A extends AggregateName> = DecidedCommand<A>['type'];
export type DecidedCommandData<A extends AggregateName, T extends DecidedCommandType<A>> = Extract<DecidedCommand<A>, { type: T }>['data'];

const DECIDERS: { [A in AggregateName]: Decider<AggregateCommands[A], Message, unknown> } = {
  serviceUnit: serviceUnitDecider,
  provider: providerDecider,
  contract: contractDecider,
};

/** The runner and the reader need no more than "some command of this aggregate": the union is checked where the command is built. */
export function aggregate(name: AggregateName): { decider: Decider<Command, Message, unknown> } {
  return { decider: DECIDERS[name] as Decider<Command, Message, unknown> };
}
