import {
  CONTRACT_STATUSES,
  contractDecider,
  type ContractStatus,
  type Decider,
  type Message,
  providerDecider,
  SERVICE_UNIT_STAGES,
  serviceUnitDecider,
  type ServiceUnitStage,
  streamIdOf,
} from '@spinout/domain';
import { loadState, type EventStore } from '@spinout/event-store';
import { contractIdOf, PROVIDERS, providerIdOf, unitIdOf } from './demo-data';
import type { DemoTally } from './demo-sender';
import { UNITS } from './demo-units';

/** What the demo programme holds after a run, read back from the log, and what the run itself did. */
export interface DemoSummary {
  readonly agencies: number;
  readonly units: number;
  readonly unitsByStage: Readonly<Record<ServiceUnitStage, number>>;
  readonly providers: number;
  readonly providersByStatus: Readonly<Record<'active' | 'suspended' | 'debarred', number>>;
  readonly contracts: number;
  readonly contractsByStatus: Readonly<Record<ContractStatus, number>>;
  /** SLA measurements, one per SLA and period (a correction replaces, it does not add). */
  readonly measurements: number;
  readonly corrections: number;
  readonly rectificationsOpened: number;
  readonly rectificationsClosed: number;
  readonly settlements: number;
  readonly settlementsPaid: number;
  /** This run: steps booked, events appended, steps already in the log, steps refused as conflicts. */
  readonly run: Readonly<DemoTally>;
}

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

async function stateOf<C, E extends Message, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
): Promise<S> {
  return (await loadState(store, decider, streamId)).state;
}

export async function summariseDemo(store: EventStore, run: DemoTally): Promise<DemoSummary> {
  const unitsByStage = zeroes(SERVICE_UNIT_STAGES);
  const agencies = new Set<string>();
  for (const unit of UNITS) {
    const state = await stateOf(store, serviceUnitDecider, streamIdOf('serviceUnit', unitIdOf(unit.key)));
    if (state.status !== 'registered') continue;
    unitsByStage[state.stage] += 1;
    agencies.add(state.agency);
  }
  const providersByStatus = { active: 0, suspended: 0, debarred: 0 };
  for (const provider of PROVIDERS) {
    const state = await stateOf(store, providerDecider, streamIdOf('provider', providerIdOf(provider.key)));
    if (state.status !== 'not_registered') providersByStatus[state.status] += 1;
  }
  const contractsByStatus = zeroes(CONTRACT_STATUSES);
  const totals = {
    measurements: 0,
    corrections: 0,
    rectificationsOpened: 0,
    rectificationsClosed: 0,
    settlements: 0,
    settlementsPaid: 0,
  };
  for (const unit of UNITS.filter((candidate) => candidate.award !== undefined)) {
    const contract = await stateOf(store, contractDecider, streamIdOf('contract', contractIdOf(unit.key)));
    if (contract.status === 'none') continue;
    contractsByStatus[contract.status] += 1;
    const measurements = Object.values(contract.measurements);
    const rectifications = Object.values(contract.rectifications);
    const settlements = Object.values(contract.settlements);
    totals.measurements += measurements.length;
    totals.corrections += measurements.filter((m) => m.corrected).length;
    totals.rectificationsOpened += rectifications.length;
    totals.rectificationsClosed += rectifications.filter((r) => r.status === 'closed').length;
    totals.settlements += settlements.length;
    totals.settlementsPaid += settlements.filter((s) => s.status === 'paid').length;
  }
  const count = (byKey: Record<string, number>) => Object.values(byKey).reduce((sum, n) => sum + n, 0);
  return {
    agencies: agencies.size,
    units: count(unitsByStage),
    unitsByStage,
    providers: count(providersByStatus),
    providersByStatus,
    contracts: count(contractsByStatus),
    contractsByStatus,
    ...totals,
    run: { ...run },
  };
}
