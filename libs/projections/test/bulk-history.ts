import {
  creditCodeCheckCharacter,
  fold,
  providerDecider,
  providerStreamId,
  serviceUnitDecider,
  serviceUnitStreamId,
  type Command,
  type Decider,
  type Message,
  type ServiceUnitCommand,
} from '@spinout/domain';
import { contractDecider, contractStreamId, type ContractCommand } from '@spinout/domain/contract';
import type { EventStore, NewEvent } from '@spinout/event-store';
import { AVAILABILITY, AGENCY_A, AGENCY_B, fen, RESPONSE } from './scenario';

/**
 * A large, realistic log made quickly: each stream's commands are decided in memory with the
 * aggregate's decider and appended in one go. Per unit: a full outsourcing (about 15 unit
 * events) and a year of its contract (measurements of two SLAs, invoices, approvals, payments,
 * rectification plans: about 60 events).
 */
const CATEGORIES = ['canteen', 'motor_pool', 'property', 'cleaning', 'security'] as const;

function decideAll<C extends Command, E extends Message, S>(decider: Decider<C, E, S>, commands: C[]): NewEvent[] {
  const history: E[] = [];
  const out: NewEvent[] = [];
  for (const command of commands) {
    const events = decider.decide(command, fold(decider, history));
    history.push(...events);
    for (const event of events) {
      out.push({
        eventId: `${command.type}-${out.length}-${Math.random().toString(36).slice(2)}`,
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        metadata: { actor: command.actor, correlationId: 'bulk', occurredAt: command.at },
      });
    }
  }
  return out;
}

const at = (day: string) => `${day}T10:00:00+08:00`;
const month = (m: number) => `2025-${String(m).padStart(2, '0')}`;

export async function appendBulkHistory(store: EventStore, units: number, providers = 20): Promise<number> {
  let appended = 0;
  for (let p = 0; p < providers; p += 1) {
    const first17 = `9111010${String(p).padStart(10, '0')}`;
    const events = decideAll(providerDecider, [
      {
        type: 'RegisterProvider',
        data: {
          providerId: `bp${p}`,
          name: `Provider ${p}`,
          creditCode: first17 + creditCodeCheckCharacter(first17),
          serviceCategories: ['canteen'],
          contact: {},
        },
        actor: 'system:bulk',
        at: at('2024-11-01'),
      },
    ]);
    await store.append(providerStreamId(`bp${p}`), events, 'no_stream');
    appended += events.length;
  }
  for (let i = 0; i < units; i += 1) {
    const unitId = `bu${i}`;
    const contractId = `bc${i}`;
    const providerId = `bp${i % providers}`;
    const agency = i % 2 === 0 ? AGENCY_A : AGENCY_B;
    const procurementId = `ocds-a1b2c3-${unitId}`;
    const u = (type: ServiceUnitCommand['type'], data: unknown, day: string, actor = 'user:office') =>
      ({ type, data, actor, at: at(day) }) as ServiceUnitCommand;
    const unitEvents = decideAll(serviceUnitDecider, [
      u(
        'RegisterServiceUnit',
        {
          unitId,
          agency,
          name: `Unit ${i}`,
          category: CATEGORIES[i % CATEGORIES.length],
          establishmentHeadcount: 10,
          annualCostBaseline: fen(200_000_000),
          assets: [
            { assetId: 'a1', description: 'Van', bookValue: fen(1) },
            { assetId: 'a2', description: 'Oven', bookValue: fen(1) },
          ],
        },
        '2024-12-01',
      ),
      u(
        'ScheduleMilestone',
        { milestoneId: 'tender', kind: 'tender', title: 'Tender', dueDate: '2024-12-20' },
        '2024-12-01',
      ),
      u(
        'ScheduleMilestone',
        { milestoneId: 'handover', kind: 'handover', title: 'Handover', dueDate: '2025-02-28' },
        '2024-12-01',
      ),
      u(
        'ProposeReformPlan',
        {
          mode: 'outsource',
          managementFunctionsKept: [],
          rationale: 'Outsource',
          targetAnnualCost: fen(150_000_000),
          targetDate: '2025-12-31',
        },
        '2024-12-02',
      ),
      u('ApproveReformPlan', {}, '2024-12-03', 'user:approver'),
      u(
        'RequestProcurement',
        { procurementId, estimatedValue: fen(180_000_000), description: 'Services' },
        '2024-12-04',
      ),
      u('CompleteMilestone', { milestoneId: 'tender' }, '2024-12-19'),
      u(
        'RecordAward',
        { procurementId, awardId: `award-${i}`, providerId, contractValue: fen(180_000_000) },
        '2024-12-20',
        'system:procurement',
      ),
      u('StartTransition', { contractId }, '2025-01-02'),
      u('RecordStaffOutcome', { transferred: 6, redeployed: 2, retired: 1, left: 1 }, '2025-01-10'),
      u('RecordAssetHandover', { assetId: 'a1', disposition: 'transferred', valueRealised: fen(0) }, '2025-01-11'),
      u(
        'RecordAssetHandover',
        { assetId: 'a2', disposition: 'disposed', method: 'auction', valueRealised: fen(500) },
        '2025-01-11',
      ),
      u('CompleteTransition', {}, '2025-01-31'),
    ]);
    const c = (type: ContractCommand['type'], data: object, day: string, actor = 'user:manager') =>
      ({ type, data: { contractId, ...data }, actor, at: at(day) }) as ContractCommand;
    const commands: ContractCommand[] = [
      c(
        'DraftContract',
        {
          unitId,
          providerId,
          agency,
          procurementId,
          awardId: `award-${i}`,
          totalValue: fen(180_000_000),
          period: { start: '2025-01-01', end: '2025-12-31' },
          monthlyCharge: fen(15_000_000),
          slas: [AVAILABILITY, RESPONSE],
          creditCapPercent: 15,
        },
        '2024-12-21',
      ),
      c('SignContract', { providerEligible: true }, '2024-12-22', 'user:director'),
      c('ActivateContract', {}, '2025-01-01'),
    ];
    for (let m = 1; m <= 12; m += 1) {
      const day = m === 12 ? '2026-01-05' : `${month(m + 1)}-05`;
      commands.push(
        c('RecordMeasurement', { slaId: 'availability', period: month(m), value: 84 + ((i * 7 + m * 3) % 16) }, day),
      );
      commands.push(c('RecordMeasurement', { slaId: 'response', period: month(m), value: 2 + ((i + m * 5) % 9) }, day));
      commands.push(
        c(
          'RecordInvoice',
          { invoiceId: `inv-${i}-${m}`, period: month(m), grossCharge: fen(15_000_000) },
          day,
          'user:finance',
        ),
      );
      commands.push(c('ApproveSettlement', { period: month(m) }, day, 'user:finance-approver'));
    }
    const contractEvents = decideAll(contractDecider, commands);
    await store.append(serviceUnitStreamId(unitId), unitEvents, 'no_stream');
    await store.append(contractStreamId(contractId), contractEvents, 'no_stream');
    appended += unitEvents.length + contractEvents.length;
  }
  return appended;
}
