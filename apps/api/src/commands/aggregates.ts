import { Command, Decider, Message, contractDecider, providerDecider, serviceUnitDecider } from '@spinout/domain';
import { AggregateName, streamIdOf } from '@spinout/workflow';

export { AggregateName, streamIdOf };

/** The deciders of the aggregates the API addresses. */
const DECIDERS: Record<AggregateName, Decider<Command, Message, unknown>> = {
  serviceUnit: serviceUnitDecider as Decider<Command, Message, unknown>,
  provider: providerDecider as Decider<Command, Message, unknown>,
  contract: contractDecider as Decider<Command, Message, unknown>,
};

export function aggregate(name: AggregateName): { decider: Decider<Command, Message, unknown> } {
  return { decider: DECIDERS[name] };
}
