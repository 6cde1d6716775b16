import type { DatabaseKind } from '../../event-store/test/databases';
import { createProjectionProcessors } from '../src/processors';
import { openProjectionDb, Runtime, type ProjectionDb } from './harness';
import {
  creditCodeCheckCharacter,
  providerDecider,
  providerStreamId,
  serviceUnitDecider,
  serviceUnitStreamId,
  type Command,
  type Decider,
  type Message,
  type Money,
  type ProviderCommand,
  type ServiceCategory,
  type ServiceUnitCommand,
  type StaffCounts,
} from '@spinout/domain';
import { contractDecider, contractStreamId, type ContractCommand, type SlaDefinition } from '@spinout/domain/contract';
import { runCommand, type EventStore } from '@spinout/event-store';

/**
 * A realistic reform, told through the deciders and appended through the real event store:
 * two agencies, eight units in every stage, three providers, four contracts with a year of
 * terms, three months of measurements (one corrected), invoices, a payment, an amendment and
 * a termination followed by a re-tender. The expected figures in the specs are worked out by
 * hand from the numbers here.
 */

export const AGENCY_A = 'Municipal Offices Administration';
export const AGENCY_B = 'Provincial Department of Finance';
export const P1 = 'provider-p1';
export const P2 = 'provider-p2';
export const P3 = 'provider-p3';

export const OFFICE = 'user:reform-office';
export const APPROVER = 'user:approver';
export const PROCUREMENT = 'system:procurement';
export const MANAGER = 'user:contract-manager';
export const DIRECTOR = 'user:director';
export const FINANCE = 'user:finance';
export const FINANCE_APPROVER = 'user:finance-approver';

export const fen = (amountMinor: number): Money => ({ amountMinor, currency: 'CNY' });

/** Higher is better; 5 % of the charge per breached month, capped at 10 %. Weight 2. */
export const AVAILABILITY: SlaDefinition = {
  slaId: 'availability',
  title: 'Service availability',
  metric: 'share of service hours available',
  unit: '%',
  direction: 'higher_is_better',
  target: 95,
  criticalThreshold: 90,
  weight: 2,
  creditRule: { kind: 'fixed_percent', percentOfCharge: 5 },
  capPercent: 10,
};
/** Lower is better; 2.5 % of the charge per hour over 4 h, capped at 10 %. Weight 1. */
export const RESPONSE: SlaDefinition = {
  slaId: 'response',
  title: 'Urgent request response time',
  metric: 'mean hours to respond',
  unit: 'h',
  direction: 'lower_is_better',
  target: 4,
  criticalThreshold: 8,
  weight: 1,
  creditRule: { kind: 'linear', perUnitPercent: 2.5 },
  capPercent: 10,
};
/** Higher is better (survey 0–10); 3 % per breached month, capped at 5 %. Weight 1. */
export const MEALS: SlaDefinition = {
  slaId: 'meal-satisfaction',
  title: 'Meal satisfaction',
  metric: 'survey score 0–10',
  unit: 'points',
  direction: 'higher_is_better',
  target: 8,
  criticalThreshold: 6,
  weight: 1,
  creditRule: { kind: 'fixed_percent', percentOfCharge: 3 },
  capPercent: 5,
};

const at = (day: string, hour = 10): string => `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;

type AnyCommand = Command<string, unknown>;

export class Scenario {
  private correlation = 0;

  constructor(private readonly store: EventStore) {}

  private async run<C extends AnyCommand, E extends Message, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
  ): Promise<void> {
    this.correlation += 1;
    await runCommand({
      store: this.store,
      decider,
      streamId,
      command,
      metadata: {
        actor: command.actor,
        correlationId: `corr-${this.correlation}`,
        occurredAt: command.at,
        ...(reasonOf(command) ?? {}),
      },
    });
  }

  unit<T extends ServiceUnitCommand['type']>(
    unitId: string,
    type: T,
    data: Extract<ServiceUnitCommand, { type: T }>['data'],
    actor: string,
    day: string,
  ) {
    return this.run(serviceUnitDecider, serviceUnitStreamId(unitId), {
      type,
      data,
      actor,
      at: at(day),
    } as ServiceUnitCommand);
  }

  contract<T extends ContractCommand['type']>(
    contractId: string,
    type: T,
    data: Omit<Extract<ContractCommand, { type: T }>['data'], 'contractId'>,
    actor: string,
    day: string,
  ) {
    return this.run(contractDecider, contractStreamId(contractId), {
      type,
      data: { contractId, ...data },
      actor,
      at: at(day),
    } as ContractCommand);
  }

  provider(providerId: string, name: string, first17: string, categories: ServiceCategory[]) {
    const creditCode = first17 + creditCodeCheckCharacter(first17);
    const command: ProviderCommand = {
      type: 'RegisterProvider',
      data: {
        providerId,
        name,
        creditCode,
        serviceCategories: categories,
        contact: { email: `bids@${providerId}.example` },
      },
      actor: PROCUREMENT,
      at: at('2024-11-01'),
    };
    return this.run(providerDecider, providerStreamId(providerId), command);
  }

  async register(
    unitId: string,
    agency: string,
    category: ServiceCategory,
    headcount: number,
    baseline: number,
    assets: string[] = [],
  ) {
    const assetList = assets.map((assetId) => ({
      assetId,
      description: `Asset ${assetId}`,
      bookValue: fen(1_000_000),
    }));
    await this.unit(
      unitId,
      'RegisterServiceUnit',
      {
        unitId,
        agency,
        name: `Unit ${unitId}`,
        category,
        establishmentHeadcount: headcount,
        annualCostBaseline: fen(baseline),
        assets: assetList,
      },
      OFFICE,
      '2024-12-02',
    );
  }

  async approvedPlan(unitId: string, mode: 'outsource' | 'spin_off' | 'charge_back' | 'retain') {
    const terms = {
      mode,
      managementFunctionsKept: ['service standards'],
      rationale: 'Separate service delivery from management',
      targetAnnualCost: fen(100),
      targetDate: '2025-12-31',
    };
    await this.unit(unitId, 'ProposeReformPlan', terms, OFFICE, '2024-12-09');
    await this.unit(unitId, 'ApproveReformPlan', {}, APPROVER, '2024-12-16');
  }

  /** Plan, tender, award, and a contract drafted, signed and activated for 2025. */
  async contracted(
    unitId: string,
    contractId: string,
    providerId: string,
    agency: string,
    monthly: number,
    slas: SlaDefinition[],
    creditCapPercent = 100,
  ) {
    const procurementId = `ocds-a1b2c3-${unitId}`;
    await this.approvedPlan(unitId, 'outsource');
    await this.unit(
      unitId,
      'RequestProcurement',
      { procurementId, estimatedValue: fen(12 * monthly), description: 'Services for 2025' },
      OFFICE,
      '2024-12-17',
    );
    await this.unit(
      unitId,
      'RecordAward',
      { procurementId, awardId: `award-${unitId}`, providerId, contractValue: fen(12 * monthly) },
      PROCUREMENT,
      '2024-12-20',
    );
    const terms = {
      unitId,
      providerId,
      agency,
      procurementId,
      awardId: `award-${unitId}`,
      totalValue: fen(12 * monthly),
      period: { start: '2025-01-01', end: '2025-12-31' },
      monthlyCharge: fen(monthly),
      slas,
      creditCapPercent,
    };
    await this.contract(contractId, 'DraftContract', terms, MANAGER, '2024-12-21');
    await this.contract(contractId, 'SignContract', { providerEligible: true }, DIRECTOR, '2024-12-23');
    await this.contract(contractId, 'ActivateContract', {}, MANAGER, '2025-01-01');
  }

  async transition(unitId: string, contractId: string, staff: StaffCounts | null, assets: string[], complete: boolean) {
    await this.unit(unitId, 'StartTransition', { contractId }, OFFICE, '2025-01-02');
    if (staff) await this.unit(unitId, 'RecordStaffOutcome', staff, OFFICE, '2025-01-20');
    for (const assetId of assets)
      await this.unit(
        unitId,
        'RecordAssetHandover',
        { assetId, disposition: 'transferred', valueRealised: fen(0) },
        OFFICE,
        '2025-01-21',
      );
    if (complete) await this.unit(unitId, 'CompleteTransition', {}, OFFICE, '2025-01-31');
  }

  measure(contractId: string, slaId: string, period: string, value: number, day: string) {
    return this.contract(contractId, 'RecordMeasurement', { slaId, period, value }, MANAGER, day);
  }

  // --- the story, in phases so specs can project between them --------------------------------

  async phase1Registrations(): Promise<void> {
    await this.provider(P1, 'Facilities Partner Co., Ltd.', '91440300093677087', ['canteen', 'property']);
    await this.provider(P2, 'Catering Services Co., Ltd.', '91110108MA01ABCD1', ['canteen']);
    await this.provider(P3, 'Property Care Co., Ltd.', '91310115MA1H2B3C4', ['property']);
    await this.register('u1', AGENCY_A, 'canteen', 20, 300_000_000, ['k-1', 'v-1']);
    await this.register('u2', AGENCY_A, 'canteen', 10, 150_000_000, ['k-2']);
    await this.register('u3', AGENCY_A, 'canteen', 6, 80_000_000);
    await this.register('u4', AGENCY_A, 'property', 15, 200_000_000);
    await this.register('u5', AGENCY_B, 'canteen', 8, 100_000_000);
    await this.register('u6', AGENCY_B, 'cleaning', 12, 90_000_000);
    await this.register('u7', AGENCY_B, 'cleaning', 5, 50_000_000);
    await this.register('u8', AGENCY_B, 'property', 9, 120_000_000);
  }

  async phase2Reform(): Promise<void> {
    // u1: outsourced to P1 under c1 (200,000.00 a month, contract-wide credit cap 5 %).
    await this.contracted('u1', 'c1', P1, AGENCY_A, 20_000_000, [AVAILABILITY, RESPONSE], 5);
    await this.transition('u1', 'c1', { transferred: 14, redeployed: 3, retired: 2, left: 1 }, ['k-1', 'v-1'], true);
    await this.unit(
      'u1',
      'ScheduleMilestone',
      { milestoneId: 'handover', kind: 'handover', title: 'Hand over', dueDate: '2025-01-31' },
      OFFICE,
      '2025-01-31',
    );
    await this.unit('u1', 'CompleteMilestone', { milestoneId: 'handover' }, OFFICE, '2025-01-31');
    // u2: in transition with P2 under c2 (110,000.00 a month), four staff transferred so far.
    await this.contracted('u2', 'c2', P2, AGENCY_A, 11_000_000, [MEALS]);
    await this.transition('u2', 'c2', { transferred: 4, redeployed: 0, retired: 0, left: 0 }, [], false);
    // u3: plan proposed, one milestone done, one overdue since February.
    await this.unit(
      'u3',
      'ProposeReformPlan',
      {
        mode: 'spin_off',
        managementFunctionsKept: [],
        rationale: 'Spin off the canteen',
        targetAnnualCost: fen(70_000_000),
        targetDate: '2025-12-31',
      },
      OFFICE,
      '2025-01-06',
    );
    await this.unit(
      'u3',
      'ScheduleMilestone',
      { milestoneId: 'consult', kind: 'other', title: 'Staff consultation', dueDate: '2025-01-15' },
      OFFICE,
      '2025-01-06',
    );
    await this.unit(
      'u3',
      'ScheduleMilestone',
      { milestoneId: 'approval', kind: 'plan_approval', title: 'Plan approval', dueDate: '2025-02-01' },
      OFFICE,
      '2025-01-06',
    );
    await this.unit('u3', 'CompleteMilestone', { milestoneId: 'consult' }, OFFICE, '2025-01-14');
    // u4: awarded to P1, c3 (150,000.00 a month) active, transition not started.
    await this.contracted('u4', 'c3', P1, AGENCY_A, 15_000_000, [AVAILABILITY, RESPONSE]);
    // u5 retained, u6 charged back, u7 untouched with a milestone due in September.
    await this.approvedPlan('u5', 'retain');
    await this.approvedPlan('u6', 'charge_back');
    await this.unit('u6', 'CompleteChargeBack', {}, OFFICE, '2025-01-10');
    await this.unit(
      'u7',
      'ScheduleMilestone',
      { milestoneId: 'review', kind: 'other', title: 'Service review', dueDate: '2025-09-30' },
      OFFICE,
      '2025-01-06',
    );
    // u8: outsourced to P3 under c4 (100,000.00 a month).
    await this.contracted('u8', 'c4', P3, AGENCY_B, 10_000_000, [AVAILABILITY, RESPONSE]);
    await this.transition('u8', 'c4', { transferred: 9, redeployed: 0, retired: 0, left: 0 }, [], true);
  }

  async phase3Performance(): Promise<void> {
    await this.measure('c1', 'availability', '2025-01', 97, '2025-02-03'); // met
    await this.measure('c1', 'response', '2025-01', 3, '2025-02-03'); // met
    await this.measure('c3', 'availability', '2025-01', 96, '2025-02-03'); // met
    await this.measure('c2', 'meal-satisfaction', '2025-01', 8.5, '2025-02-03'); // met
    await this.measure('c4', 'availability', '2025-01', 99, '2025-02-03'); // met
    await this.measure('c4', 'response', '2025-01', 2, '2025-02-03'); // met
    await this.contract(
      'c1',
      'RecordInvoice',
      { invoiceId: 'INV-c1-01', period: '2025-01', grossCharge: fen(20_000_000) },
      FINANCE,
      '2025-02-05',
    );
    await this.contract('c1', 'ApproveSettlement', { period: '2025-01' }, FINANCE_APPROVER, '2025-02-06');
    await this.contract(
      'c1',
      'RecordPayment',
      { period: '2025-01', amount: fen(20_000_000), paymentRef: 'PAY-c1-01' },
      FINANCE,
      '2025-02-10',
    );

    await this.measure('c1', 'availability', '2025-02', 93, '2025-03-03'); // breached: 5 % of 200,000.00 = 1,000,000
    await this.measure('c1', 'response', '2025-02', 5, '2025-03-03'); // breached: 1 h × 2.5 % = 500,000
    await this.measure('c3', 'availability', '2025-02', 85, '2025-03-03'); // critical: 5 % of 150,000.00 = 750,000
    await this.measure('c3', 'response', '2025-02', 9, '2025-03-03'); // critical: 5 h × 2.5 % = 12.5 %, capped 10 % = 1,500,000
    await this.measure('c2', 'meal-satisfaction', '2025-02', 7, '2025-03-03'); // breached: 3 % of 110,000.00 = 330,000
    await this.measure('c4', 'response', '2025-02', 10, '2025-03-03'); // critical: 6 h × 2.5 % = 15 %, capped 10 % = 1,000,000
    // c1 February: credits 1,500,000 capped by the contract-wide 5 % = 1,000,000; net 19,000,000.
    await this.contract(
      'c1',
      'RecordInvoice',
      { invoiceId: 'INV-c1-02', period: '2025-02', grossCharge: fen(20_000_000) },
      FINANCE,
      '2025-03-05',
    );

    await this.measure('c1', 'availability', '2025-03', 88, '2025-04-02'); // critical: 1,000,000 (corrected below)
    await this.measure('c1', 'response', '2025-03', 4, '2025-04-02'); // met (at the target)
    await this.measure('c2', 'meal-satisfaction', '2025-03', 5, '2025-04-02'); // critical: 330,000
    await this.contract(
      'c1',
      'RecordInvoice',
      { invoiceId: 'INV-c1-03', period: '2025-03', grossCharge: fen(20_000_000) },
      FINANCE,
      '2025-04-03',
    );
    await this.contract(
      'c1',
      'CorrectMeasurement',
      { slaId: 'availability', period: '2025-03', value: 95, reason: 'Outage was planned maintenance' },
      MANAGER,
      '2025-04-04',
    );
    await this.contract('c1', 'ApproveSettlement', { period: '2025-03' }, FINANCE_APPROVER, '2025-04-05');
    await this.contract(
      'c2',
      'CloseRectificationPlan',
      { rectificationId: 'meal-satisfaction:2025-03', evidence: 'New menu agreed' },
      MANAGER,
      '2025-04-10',
    );
  }

  async phase4Changes(): Promise<void> {
    // c2's charge rises to 120,000.00 a month; c4 is terminated and u8 goes back to tender.
    await this.contract(
      'c2',
      'AmendContract',
      { amendmentId: 'AM-1', rationale: 'Second dining room', changes: { monthlyCharge: fen(12_000_000) } },
      MANAGER,
      '2025-04-15',
    );
    await this.contract(
      'c4',
      'TerminateContract',
      { reason: 'convenience', detail: 'Service re-tendered with a wider scope' },
      DIRECTOR,
      '2025-04-20',
    );
    await this.unit(
      'u8',
      'ReopenAfterTermination',
      { contractId: 'c4', route: 'retender', reason: 'Contract terminated' },
      OFFICE,
      '2025-04-21',
    );
  }
}

function reasonOf(command: AnyCommand): { reason: string } | undefined {
  const data = command.data as { reason?: unknown; rationale?: unknown } | null;
  const reason = data?.reason ?? data?.rationale;
  return typeof reason === 'string' ? { reason } : undefined;
}

/**
 * A database holding the whole scenario (phases 1–4) with every projection built from it: what
 * the query specs read from.
 */
export async function projectedScenario(kind: DatabaseKind): Promise<ProjectionDb> {
  const p = await openProjectionDb(kind);
  const scenario = new Scenario(p.store);
  await scenario.phase1Registrations();
  await scenario.phase2Reform();
  await scenario.phase3Performance();
  await scenario.phase4Changes();
  const runtime = new Runtime(p, createProjectionProcessors());
  runtime.start();
  await runtime.settle();
  await runtime.stop();
  return p;
}
