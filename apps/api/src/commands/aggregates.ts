import { Decider, Command, Message, serviceUnitDecider, providerDecider } from '@spinout/domain';

/**
 * The aggregates the API addresses, each with its decider and stream category.
 * A stream id is `<category>-<id>`, the convention KurrentDB's category projections use.
 */
export const AGGREGATES = {
  serviceUnit: { category: 'serviceUnit', decider: serviceUnitDecider },
  provider: { category: 'provider', decider: providerDecider },
} as const;

export type AggregateName = keyof typeof AGGREGATES;

export interface AggregateDefinition {
  category: string;
  decider: Decider<Command, Message, unknown>;
}

export function aggregate(name: AggregateName): AggregateDefinition {
  return AGGREGATES[name] as AggregateDefinition;
}

export function streamIdOf(name: AggregateName, id: string): string {
  return `${AGGREGATES[name].category}-${id}`;
}
