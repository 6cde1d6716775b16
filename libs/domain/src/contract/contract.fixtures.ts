/**
 * Builders for contract specs: one realistic facilities contract (a year of property services
 * at 10,000.00 CNY a month) with two SLAs, one in each direction and one of each credit rule.
 * Actors are principals (role accounts), never staff names.
 */
import { fold, money, type Money, type Command, type DataOf } from '../shared';
import type { ContractCommand, DraftContractData } from './contract.commands';
import { contractDecider } from './contract.decider';
import type { ContractEvent } from './contract.events';
import type { ContractState, ExistingContract } from './contract.state';
import { DEFAULT_CREDIT_CAP_PERCENT, DEFAULT_TERMINATION_RULE, type SlaDefinition } from './contract.values';

export const CONTRACT_ID = 'contract-2025-0001';
export const UNIT_ID = 'unit-hq-property';
export const PROVIDER_ID = 'provider-91440300093677087R';
export const OFFICER = 'user:contract-manager-1';
export const DIRECTOR = 'user:agency-director-1';
export const FINANCE = 'user:finance-officer-1';
export const APPROVER = 'user:finance-approver-1';
export const DRAFTED_AT = '2024-12-10T09:00:00+08:00';
export const SIGNED_AT = '2024-12-20T09:00:00+08:00';
export const ACTIVATED_AT = '2025-01-01T08:00:00+08:00';
export const NOW = '2025-06-15T10:00:00+08:00';

export const fen = (amountMinor: number): Money => money(amountMinor, 'CNY');
/** 10,000.00 CNY. */
export const MONTHLY_CHARGE = fen(1_000_000);

/** Higher is better; 5 % of the charge per breached month, capped at 10 %. */
export const AVAILABILITY: SlaDefinition = {
  slaId: 'vehicle-availability',
  title: 'Vehicle availability',
  metric: 'share of fleet available at 08:00',
  unit: '%',
  direction: 'higher_is_better',
  target: 95,
  criticalThreshold: 90,
  weight: 2,
  creditRule: { kind: 'fixed_percent', percentOfCharge: 5 },
  capPercent: 10,
};

/** Lower is better; 2.5 % of the charge per hour over the target, capped at 10 %. */
export const RESPONSE: SlaDefinition = {
  slaId: 'urgent-repair-response',
  title: 'Urgent repair response time',
  metric: 'mean hours from report to technician on site',
  unit: 'h',
  direction: 'lower_is_better',
  target: 4,
  criticalThreshold: 8,
  weight: 1,
  creditRule: { kind: 'linear', perUnitPercent: 2.5 },
  capPercent: 10,
};

export const draftData = (overrides: Partial<DraftContractData> = {}): DraftContractData => ({
  contractId: CONTRACT_ID,
  unitId: UNIT_ID,
  providerId: PROVIDER_ID,
  agency: 'Provincial Department of Finance',
  procurementId: 'ocds-a1b2c3-2024-0042',
  awardId: 'award-2024-0042-1',
  totalValue: fen(12_000_000),
  period: { start: '2025-01-01', end: '2025-12-31' },
  monthlyCharge: MONTHLY_CHARGE,
  slas: [AVAILABILITY, RESPONSE],
  terminationRule: { criticalBreachesAllowed: 3, windowMonths: 12 },
  creditCapPercent: 15,
  ...overrides,
});

/** The data of a contract command of type `T`, but for the contract it names. */
type DataFor<T extends ContractCommand['type']> = Omit<DataOf<ContractCommand, T>, 'contractId'>;

/**
 * A command of type `T` as issued NOW by the contract manager unless said otherwise, for the
 * contract CONTRACT_ID: for each `T` it is that member of `ContractCommand`.
 */
export function command<T extends ContractCommand['type']>(
  type: T,
  data: DataFor<T>,
  actor: string = OFFICER,
  at: string = NOW,
): Command<T, DataFor<T> & { readonly contractId: string }> {
  return { type, data: { contractId: CONTRACT_ID, ...data }, actor, at };
}

export const drafted = (overrides: Partial<DraftContractData> = {}): ContractEvent => {
  const { terminationRule, creditCapPercent, ...terms } = draftData(overrides);
  return {
    type: 'ContractDrafted',
    data: {
      ...terms,
      terminationRule: terminationRule ?? DEFAULT_TERMINATION_RULE,
      creditCapPercent: creditCapPercent ?? DEFAULT_CREDIT_CAP_PERCENT,
      draftedBy: OFFICER,
      draftedAt: DRAFTED_AT,
    },
  };
};

const parties = { contractId: CONTRACT_ID, unitId: UNIT_ID, providerId: PROVIDER_ID };

export const signed = (): ContractEvent => ({
  type: 'ContractSigned',
  data: { ...parties, signedBy: DIRECTOR, signedAt: SIGNED_AT },
});

export const activated = (): ContractEvent => ({
  type: 'ContractActivated',
  data: {
    ...parties,
    period: { start: '2025-01-01', end: '2025-12-31' },
    activatedBy: OFFICER,
    activatedAt: ACTIVATED_AT,
  },
});

export const suspended = (): ContractEvent => ({
  type: 'ContractSuspended',
  data: {
    contractId: CONTRACT_ID,
    reason: 'Provider under investigation',
    suspendedBy: DIRECTOR,
    suspendedAt: '2025-05-01T09:00:00+08:00',
  },
});

export const expired = (): ContractEvent => ({
  type: 'ContractExpired',
  data: { ...parties, expiredBy: OFFICER, expiredAt: '2026-01-02T09:00:00+08:00' },
});

export const terminated = (): ContractEvent => ({
  type: 'ContractTerminated',
  data: {
    ...parties,
    reason: 'convenience',
    detail: 'Service brought back in-house',
    unitRoute: 'insource',
    terminatedBy: DIRECTOR,
    terminatedAt: '2025-06-01T09:00:00+08:00',
  },
});

export const history = {
  draft: (overrides: Partial<DraftContractData> = {}) => [drafted(overrides)],
  signed: (overrides: Partial<DraftContractData> = {}) => [drafted(overrides), signed()],
  active: (overrides: Partial<DraftContractData> = {}) => [drafted(overrides), signed(), activated()],
  suspended: () => [...history.active(), suspended()],
  expired: () => [...history.active(), expired()],
  terminated: () => [...history.active(), terminated()],
};

/** Runs commands through the decider after `events`; returns the whole history. For arranging complex givens. */
export function after(events: readonly ContractEvent[], ...commands: ContractCommand[]): ContractEvent[] {
  return commands.reduce<ContractEvent[]>(
    (log, c) => [...log, ...contractDecider.decide(c, fold(contractDecider, log))],
    [...events],
  );
}

export const stateOf = (events: readonly ContractEvent[]): ContractState => fold(contractDecider, events);
export const contractOf = (state: ContractState): ExistingContract => {
  if (state.status === 'none') throw new Error('expected a contract');
  return state;
};

export const measure = (slaId: string, period: string, value: number, at = NOW) =>
  command('RecordMeasurement', { slaId, period, value }, OFFICER, at);
export const correct = (slaId: string, period: string, value: number, reason = 'Audit found a counting error') =>
  command('CorrectMeasurement', { slaId, period, value, reason });
export const invoice = (period: string, gross = MONTHLY_CHARGE, invoiceId = `INV-${period}`) =>
  command('RecordInvoice', { invoiceId, period, grossCharge: gross }, FINANCE);
export const approve = (period: string) => command('ApproveSettlement', { period }, APPROVER);
