import { randomUUID } from 'node:crypto';
import {
  contractDecider,
  creditCodeCheckCharacter,
  providerDecider,
  SERVICE_CATEGORIES,
  serviceUnitDecider,
  streamIdOf,
  type Command,
  type ContractCommand,
  type Decider,
  type Message,
  type ProviderCommand,
  type ServiceCategory,
  type ServiceUnitCommand,
  type SlaDefinition,
} from '@spinout/domain';
import type { EventStore, NewEvent } from '@spinout/event-store';
import { contractIdForAward, defaultContractPeriod, monthsBetween, SLA_TEMPLATES } from '@spinout/workflow';

/**
 * A reform programme of national size, recorded through the event store the way the service
 * records it: every unit's and contract's commands decided by the real deciders, in the order
 * users and the process managers would issue them, and appended with their schema versions and
 * metadata. The service's projections then build the views from the log as in life.
 *
 * Units are spread over the stages (30 % still in house, 35 % outsourced with a year of contract
 * history), agencies and categories; the contract of an award has the id, terms and SLA schedule
 * the award-to-contract process manager drafts, so the process managers find their work done.
 */
export interface Programme {
  units: number;
  providers: number;
  agencies: number;
  contracts: number;
  events: number;
  /** Values the view cases filter by. */
  sample: { agency: string; providerId: string; contractStreamId: string; officeActor: string };
}

const at = (day: string) => `${day}T10:00:00+08:00`;
const month = (m: number) => `2025-${String(m).padStart(2, '0')}`;
const AMOUNT = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

type Stage =
  'in_house' | 'plan_proposed' | 'plan_approved' | 'retained' | 'procurement' | 'awarded' | 'transition' | 'outsourced';
/** Twenty slots: the share of units at each stage. */
const STAGES: Stage[] = [
  ...Array<Stage>(6).fill('in_house'),
  'plan_proposed',
  'plan_proposed',
  'plan_approved',
  'retained',
  'procurement',
  'awarded',
  'transition',
  ...Array<Stage>(7).fill('outsourced'),
];
const ORDER: Stage[] = [
  'in_house',
  'plan_proposed',
  'plan_approved',
  'procurement',
  'awarded',
  'transition',
  'outsourced',
];
const reaches = (stage: Stage, step: Stage) => stage !== 'retained' && ORDER.indexOf(stage) >= ORDER.indexOf(step);

export async function recordProgramme(
  store: EventStore,
  units: number,
  writers: number,
  progress: (done: number) => void,
): Promise<Programme> {
  const agencies = Math.max(4, Math.ceil(units / 250));
  const providerIds = Array.from({ length: Math.max(20, Math.ceil(units / 100)) }, () => randomUUID());
  let events = 0;
  let contracts = 0;
  for (const [p, providerId] of providerIds.entries()) {
    const first17 = `9111010${String(p).padStart(10, '0')}`;
    const data = {
      providerId,
      name: `Logistics Services Co. ${p + 1}`,
      creditCode: first17 + creditCodeCheckCharacter(first17),
      serviceCategories: [...SERVICE_CATEGORIES],
      contact: {},
    };
    const decided = decideAll(store, providerDecider, [
      { type: 'RegisterProvider', data, actor: 'user:procurement', at: at('2024-11-01') } as ProviderCommand,
    ]);
    await store.append(streamIdOf('provider', providerId), decided, 'no_stream');
    events += decided.length;
  }
  let next = 0;
  let contractStreamId = '';
  const writer = async () => {
    for (let i = next++; i < units; i = next++) {
      const journey = unitJourney(i, agencies, providerIds);
      const unitEvents = decideAll(store, serviceUnitDecider, journey.unit);
      await store.append(streamIdOf('serviceUnit', journey.unitId), unitEvents, 'no_stream');
      events += unitEvents.length;
      if (journey.contract.length > 0) {
        const contractEvents = decideAll(store, contractDecider, journey.contract);
        await store.append(streamIdOf('contract', journey.contractId), contractEvents, 'no_stream');
        events += contractEvents.length;
        contracts += 1;
        if (contractStreamId === '' && journey.stage === 'outsourced')
          contractStreamId = streamIdOf('contract', journey.contractId);
      }
      if ((i + 1) % Math.max(1, Math.floor(units / 10)) === 0) progress(i + 1);
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  const sample = { agency: agencyName(1), providerId: providerIds[1], contractStreamId, officeActor: officeOf(1) };
  return { units, providers: providerIds.length, agencies, contracts, events, sample };
}

function agencyName(k: number): string {
  return `Agency ${String(k + 1).padStart(3, '0')} Offices Administration`;
}

function officeOf(k: number): string {
  return `user:office-${k + 1}`;
}

/** Unit i's commands up to its stage, and its contract's (an award drafts one). */
function unitJourney(i: number, agencies: number, providerIds: string[]) {
  const stage = STAGES[i % STAGES.length];
  const k = mix(i, 1) % agencies;
  const unitId = randomUUID();
  const category: ServiceCategory = SERVICE_CATEGORIES[mix(i, 2) % SERVICE_CATEGORIES.length];
  const headcount = 5 + (i % 40);
  const office = officeOf(k);
  const u = (type: ServiceUnitCommand['type'], data: object, day: string, actor = office) =>
    ({ type, data, actor, at: at(day) }) as ServiceUnitCommand;
  const unit: ServiceUnitCommand[] = [
    u(
      'RegisterServiceUnit',
      {
        unitId,
        agency: agencyName(k),
        name: `${category.replace('_', ' ')} unit ${i + 1}`,
        category,
        establishmentHeadcount: headcount,
        annualCostBaseline: AMOUNT(100_000_000 + (i % 97) * 1_000_000),
        assets: [
          { assetId: 'A-01', description: 'Service vehicle', bookValue: AMOUNT(8_000_000) },
          { assetId: 'A-02', description: 'Equipment', bookValue: AMOUNT(2_000_000) },
        ],
      },
      '2024-11-15',
    ),
  ];
  if (stage === 'in_house' && i % 2 === 0)
    unit.push(
      u(
        'ScheduleMilestone',
        { milestoneId: 'plan', kind: 'plan_approval', title: 'Reform plan approved', dueDate: '2025-03-31' },
        '2024-11-15',
      ),
    );
  if (stage === 'retained') {
    unit.push(
      u(
        'ProposeReformPlan',
        {
          mode: 'retain',
          managementFunctionsKept: [],
          rationale: 'Core to the agency',
          targetAnnualCost: AMOUNT(100_000_000),
          targetDate: '2025-12-31',
        },
        '2024-12-02',
      ),
    );
    unit.push(u('ApproveReformPlan', {}, '2024-12-03', `user:approver-${k + 1}`));
  }
  if (reaches(stage, 'plan_proposed')) {
    unit.push(
      u(
        'ScheduleMilestone',
        { milestoneId: 'tender', kind: 'tender', title: 'Tender', dueDate: '2024-12-20' },
        '2024-12-01',
      ),
    );
    unit.push(
      u(
        'ScheduleMilestone',
        { milestoneId: 'handover', kind: 'handover', title: 'Handover', dueDate: '2025-02-28' },
        '2024-12-01',
      ),
    );
    unit.push(
      u(
        'ProposeReformPlan',
        {
          mode: 'outsource',
          managementFunctionsKept: ['oversight'],
          rationale: 'Contract the service, keep oversight',
          targetAnnualCost: AMOUNT(80_000_000),
          targetDate: '2025-12-31',
        },
        '2024-12-02',
      ),
    );
  }
  if (reaches(stage, 'plan_approved')) unit.push(u('ApproveReformPlan', {}, '2024-12-03', `user:approver-${k + 1}`));
  const procurementId = `ocds-213czf-${unitId}`;
  if (reaches(stage, 'procurement'))
    unit.push(
      u(
        'RequestProcurement',
        { procurementId, estimatedValue: AMOUNT(180_000_000), description: 'Three years of service' },
        '2024-12-04',
      ),
    );
  const awardId = `award-${i + 1}`;
  const contractId = contractIdForAward(unitId, awardId);
  const providerId = providerIds[mix(i, 3) % providerIds.length];
  const contract: ContractCommand[] = [];
  if (reaches(stage, 'awarded')) {
    unit.push(u('CompleteMilestone', { milestoneId: 'tender' }, '2024-12-19'));
    unit.push(
      u(
        'RecordAward',
        { procurementId, awardId, providerId, contractValue: AMOUNT(180_000_000) },
        '2024-12-20',
        'system:procurement',
      ),
    );
    contract.push(
      ...contractJourney({
        contractId,
        unitId,
        providerId,
        agency: agencyName(k),
        procurementId,
        awardId,
        slas: SLA_TEMPLATES[category],
        i,
        months: stage === 'outsourced' ? 12 : stage === 'transition' ? 2 : -1,
      }),
    );
  }
  if (reaches(stage, 'transition'))
    unit.push(u('StartTransition', { contractId }, '2025-01-01', 'system:pm-activation-to-transition'));
  if (stage === 'outsourced') {
    unit.push(
      u('RecordStaffOutcome', { transferred: headcount - 4, redeployed: 2, retired: 1, left: 1 }, '2025-01-10'),
    );
    unit.push(
      u('RecordAssetHandover', { assetId: 'A-01', disposition: 'transferred', valueRealised: AMOUNT(0) }, '2025-01-11'),
    );
    unit.push(
      u(
        'RecordAssetHandover',
        { assetId: 'A-02', disposition: 'disposed', method: 'auction', valueRealised: AMOUNT(500_000) },
        '2025-01-11',
      ),
    );
    unit.push(u('CompleteTransition', {}, '2025-01-11', 'system:pm-transition-completion'));
    unit.push(u('CompleteMilestone', { milestoneId: 'handover' }, '2025-01-31'));
  }
  return { stage, unitId, contractId, unit, contract };
}

/** The draft the award-to-contract process manager makes, then signing, activation and `months` months of service (-1: draft only). */
function contractJourney(terms: {
  contractId: string;
  unitId: string;
  providerId: string;
  agency: string;
  procurementId: string;
  awardId: string;
  slas: readonly SlaDefinition[];
  i: number;
  months: number;
}): ContractCommand[] {
  const { contractId, slas, i, months } = terms;
  const awardedAt = at('2024-12-20');
  const period = defaultContractPeriod(awardedAt);
  const monthlyCharge = AMOUNT(Math.round(180_000_000 / monthsBetween(period.start, period.end)));
  const c = (type: ContractCommand['type'], data: object, when: string, actor = 'user:contract-manager') =>
    ({ type, data: { contractId, ...data }, actor, at: when }) as ContractCommand;
  const draft = {
    unitId: terms.unitId,
    providerId: terms.providerId,
    agency: terms.agency,
    procurementId: terms.procurementId,
    awardId: terms.awardId,
    totalValue: AMOUNT(180_000_000),
    period,
    monthlyCharge,
    slas,
  };
  const commands = [c('DraftContract', draft, awardedAt, 'system:pm-award-to-contract')];
  if (months < 0) return commands;
  commands.push(
    c('SignContract', { providerEligible: true }, at('2024-12-22'), 'user:director'),
    c('ActivateContract', {}, at('2025-01-01')),
  );
  for (let m = 1; m <= months; m += 1) {
    const day = at(m === 12 ? '2026-01-05' : `${month(m + 1)}-05`);
    for (const sla of slas)
      commands.push(
        c('RecordMeasurement', { slaId: sla.slaId, period: month(m), value: measured(sla, i * 7 + m * 3) }, day),
      );
    commands.push(
      c(
        'RecordInvoice',
        { invoiceId: `inv-${i + 1}-${m}`, period: month(m), grossCharge: monthlyCharge },
        day,
        'user:finance',
      ),
    );
    commands.push(c('ApproveSettlement', { period: month(m) }, day, 'user:finance-approver'));
  }
  return commands;
}

/** A well-spread hash of (i, salt), so that a unit's agency, category and provider do not follow its stage. */
function mix(i: number, salt: number): number {
  let h = Math.imul(i ^ Math.imul(salt, 0x9e3779b9), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A month's value of an SLA: met 14 months in 20, breached 5, critically breached 1. */
function measured(sla: SlaDefinition, seed: number): number {
  const gap = Math.abs(sla.target - sla.criticalThreshold);
  const r = seed % 20;
  const short = r < 14 ? -0.2 * gap * (r % 3) : r < 19 ? 0.5 * gap : 1.2 * gap; // how far it falls short of the target
  const value = sla.direction === 'higher_is_better' ? sla.target - short : sla.target + short;
  const capped = sla.unit === '%' ? Math.min(100, value) : value;
  return Math.max(0, Math.round(capped * 10) / 10);
}

/** Each command decided on the state its predecessors left, as the command runner would. */
function decideAll<C extends Command, E extends Message, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  commands: C[],
): NewEvent[] {
  let state = decider.initialState;
  const out: NewEvent[] = [];
  for (const command of commands) {
    const decided = decider.decide(command, state);
    state = decided.reduce((current: S, event: E) => decider.evolve(current, event), state);
    const metadata = { actor: command.actor, correlationId: randomUUID(), occurredAt: command.at };
    for (const event of decided) {
      out.push({
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: store.currentSchemaVersion?.(event.type) ?? 1,
        data: event.data,
        metadata,
      });
    }
  }
  return out;
}
