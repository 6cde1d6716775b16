import {
  contractDecider,
  providerDecider,
  serviceUnitDecider,
  streamIdOf,
  type AggregateName,
  type Command,
  type CommandEnvelope,
  type ContractCommand,
  type ContractEvent,
  type ContractState,
  type Decider,
  type ProviderCommand,
  type ProviderEvent,
  type ProviderState,
  type RecordAward,
  type RegisterProvider,
  type ServiceUnitCommand,
  type ServiceUnitEvent,
  type ServiceUnitState,
  type SignContract,
} from '@spinout/domain';

export { type AggregateName, streamIdOf };

/** Each aggregate's command union, as its decider declares it. */
export interface AggregateCommands {
  serviceUnit: ServiceUnitCommand;
  provider: ProviderCommand;
  contract: ContractCommand;
}

/** Each aggregate's event union. */
export interface AggregateEvents {
  serviceUnit: ServiceUnitEvent;
  provider: ProviderEvent;
  contract: ContractEvent;
}

/** Each aggregate's state. */
export interface AggregateStates {
  serviceUnit: ServiceUnitState;
  provider: ProviderState;
  contract: ContractState;
}

/**
 * Commands whose use case reads or claims something beyond their own stream first (the
 * provider's standing for signing and awards, the credit code for a registration). They have
 * command classes and handlers of their own, so the generic path cannot bypass that rule.
 */
type OwnUseCase = SignContract | RecordAward | RegisterProvider;

type DecidedUnion<A extends AggregateName> = Exclude<AggregateCommands[A], OwnUseCase>;
export type DecidedCommandType<A extends AggregateName> = DecidedUnion<A>['type'];
export type DecidedCommandData<A extends AggregateName, T extends DecidedCommandType<A>> = Extract<
  DecidedUnion<A>,
  { type: T }
>['data'];

/** The decided commands of an aggregate by type: the command of each type is built from that type and its data. */
type DecidedByType<A extends AggregateName> = { [T in DecidedCommandType<A>]: Command<T, DecidedCommandData<A, T>> };

/**
 * The commands an aggregate decides alone: sent with `CommandSender.send`. For each aggregate
 * these are the members of its command union but `OwnUseCase`; indexed by type, so that
 * `decidedCommand` can build one from a type and its data.
 */
export type DecidedCommand<A extends AggregateName> = DecidedByType<A>[DecidedCommandType<A>];

/** The command of `type` with `data`, issued by the envelope's actor at its time. */
export function decidedCommand<A extends AggregateName, T extends DecidedCommandType<A>>(
  type: T,
  data: DecidedCommandData<A, T>,
  envelope: CommandEnvelope,
): DecidedCommand<A> {
  const command: DecidedByType<A>[T] = { type, data, actor: envelope.actor, at: envelope.at };
  return command;
}

/** An aggregate's decider, typed by its own command, event and state. */
export type DeciderOf<A extends AggregateName> = Decider<AggregateCommands[A], AggregateEvents[A], AggregateStates[A]>;

const DECIDERS: { [A in AggregateName]: DeciderOf<A> } = {
  serviceUnit: serviceUnitDecider,
  provider: providerDecider,
  contract: contractDecider,
};

/** The decider of the aggregate `name` names. */
export function deciderOf<A extends AggregateName>(name: A): DeciderOf<A> {
  return DECIDERS[name];
}
