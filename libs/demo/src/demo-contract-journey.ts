import {
  type ContractCommand,
  contractDecider,
  notFound,
  serviceUnitDecider,
  type ServiceUnitCommand,
  type ServiceUnitStage,
  streamIdOf,
} from '@spinout/domain';
import { type EventStore, loadState, runCommand } from '@spinout/event-store';
import {
  contractIdForAward,
  monthsBetween,
  providerEligibilityOn,
  recordAward,
  SLA_TEMPLATES,
} from '@spinout/workflow';
import { bookPerformance } from './demo-performance';
import { AGENCIES, assetIdOf, awardIdOf, DEMO_ACTORS, providerIdOf, yuan } from './demo-data';
import { type CommandBody, type DemoContext, type IssueContext } from './demo-sender';
import { addDays } from './demo-timeline';
import type { DemoUnit } from './demo-units';
import type { WaveCalendar } from './demo-waves';

/**
 * From award to service: the award (checked against the provider's standing, as the API and
 * the Kafka consumer check it), the contract drafted from it with the category's SLA template and
 * the id the award-to-contract process manager would give it, signing and activation by a second
 * contract manager, the unit's transition, a year of performance, and for one unit termination.
 */

export interface ContractJourney {
  readonly unit: DemoUnit;
  readonly unitId: string;
  readonly story: string;
  readonly calendar: WaveCalendar;
  readonly milestoneDone: (kind: 'award' | 'handover', date: string) => void;
  readonly ocid: string;
}

const COMPLETED: readonly ServiceUnitStage[] = ['outsourced', 'spun_off'];

export function bookContract(ctx: DemoContext, journey: ContractJourney): void {
  const { unit, unitId, story, calendar } = journey;
  const award = unit.award!; // only units with an award have a contract journey
  const { office, procurement, contracts, signatory } = DEMO_ACTORS;
  const awardId = awardIdOf(unit.key);
  const contractId = contractIdForAward(unitId, awardId);
  const unitStream = streamIdOf('serviceUnit', unitId);
  const contractStream = streamIdOf('contract', contractId);
  const onUnit: OnUnit = (step, date, actor, body, reason) =>
    ctx.timeline.on(date, () =>
      ctx.sender.send({ key: `${story}:${step}`, date, actor, story, reason }, serviceUnitDecider, unitStream, body),
    );
  const onContract = (step: string, date: string, actor: string, body: CommandBody<ContractCommand>, reason?: string) =>
    ctx.timeline.on(date, () =>
      ctx.sender.send(
        { key: `${story}:contract:${step}`, date, actor, story, reason },
        contractDecider,
        contractStream,
        body,
      ),
    );

  const period = calendar.contractPeriod;
  const contractValue = yuan(award.annualValue * 3);
  const providerId = providerIdOf(award.provider);
  ctx.timeline.on(calendar.awarded, () =>
    ctx.sender.issue(
      { key: `${story}:award`, date: calendar.awarded, actor: procurement, story },
      unitStream,
      ({ at, metadata, eventIds }) =>
        recordAward(ctx.store, {
          unitId,
          award: { procurementId: journey.ocid, awardId, providerId, contractValue, contractPeriod: period },
          actor: procurement,
          at,
          metadata,
          eventIds,
        }),
    ),
  );
  journey.milestoneDone('award', calendar.awarded);

  // The terms the award-to-contract process manager drafts, so whichever of the two comes first, the contract is the same.
  const monthlyCharge = {
    amountMinor: Math.round(contractValue.amountMinor / monthsBetween(period.start, period.end)),
    currency: contractValue.currency,
  };
  const slas = SLA_TEMPLATES[unit.category];
  const agency = AGENCIES[unit.agency];
  onContract('draft', calendar.drafted, contracts, {
    type: 'DraftContract',
    data: {
      contractId,
      unitId,
      providerId,
      agency,
      procurementId: journey.ocid,
      awardId,
      totalValue: contractValue,
      period,
      monthlyCharge,
      slas,
    },
  });
  if (award.contractUpTo === 'drafted') return;
  ctx.timeline.on(calendar.signed, () =>
    ctx.sender.issue(
      { key: `${story}:contract:sign`, date: calendar.signed, actor: signatory, story },
      contractStream,
      (issued) => sign(ctx.store, contractId, signatory, issued),
    ),
  );
  if (award.contractUpTo === 'signed') return;
  onContract('activate', calendar.activated, signatory, { type: 'ActivateContract', data: { contractId } });
  onUnit('transition:start', calendar.activated, office, { type: 'StartTransition', data: { contractId } });
  bookHandover(journey, onUnit);

  const termination = unit.performance?.termination;
  const lastPeriod = termination === undefined ? '2025-12' : previousMonth(termination.on);
  bookPerformance(ctx, {
    unit,
    contractId,
    story,
    slas,
    monthlyCharge,
    lastPeriod,
    firstPeriod: period.start.slice(0, 7),
  });
  if (termination === undefined) return;
  const reopen = `Contract terminated for breach: ${termination.detail}; the service is re-tendered`;
  onContract(
    'terminate',
    termination.on,
    contracts,
    {
      type: 'TerminateContract',
      data: { contractId, reason: 'breach', detail: termination.detail, unitRoute: 'retender' },
    },
    termination.detail,
  );
  onUnit(
    'reopen',
    termination.on,
    office,
    { type: 'ReopenAfterTermination', data: { contractId, route: 'retender', reason: reopen } },
    reopen,
  );
}

type OnUnit = (
  step: string,
  date: string,
  actor: string,
  body: CommandBody<ServiceUnitCommand>,
  reason?: string,
) => void;

/** Assets and staff as far as the story has them; the transition completes once both are settled. */
function bookHandover({ unit, calendar, milestoneDone }: ContractJourney, onUnit: OnUnit): void {
  const { office } = DEMO_ACTORS;
  for (const asset of unit.assets) {
    if (asset.handover === undefined) continue;
    const { disposition, value } = asset.handover;
    const method = asset.handover.disposition === 'disposed' ? { method: asset.handover.method } : {};
    const data = { assetId: assetIdOf(unit.key, asset.key), disposition, ...method, valueRealised: yuan(value) };
    onUnit(`asset:${asset.key}:handover`, calendar.handedOver, office, { type: 'RecordAssetHandover', data });
  }
  if (unit.staff?.outcome)
    onUnit('staff:outcome', calendar.staffSettled, office, { type: 'RecordStaffOutcome', data: unit.staff.outcome });
  if (COMPLETED.includes(unit.stage) || unit.performance?.termination !== undefined) {
    onUnit('transition:complete', calendar.completed, office, { type: 'CompleteTransition', data: {} });
    milestoneDone('handover', calendar.completed);
  }
}

/**
 * Signing as the API signs (workflow's `signContract`): the provider's standing on the day
 * decides whether it may sign. Repeated here only to give the events the step's derived ids.
 */
async function sign(store: EventStore, contractId: string, actor: string, { at, metadata, eventIds }: IssueContext) {
  const streamId = streamIdOf('contract', contractId);
  const { state: contract } = await loadState(store, contractDecider, streamId);
  if (contract.status === 'none') throw notFound('contract_not_found', `No contract with id ${contractId}`);
  const eligibility = await providerEligibilityOn(store, contract.providerId, at);
  const data = {
    contractId,
    providerEligible: eligibility.eligible,
    ineligibleReason: eligibility.eligible ? undefined : eligibility.reason,
  };
  return runCommand({
    store,
    decider: contractDecider,
    streamId,
    command: { type: 'SignContract', data, actor, at },
    metadata,
    eventIds,
  });
}

function previousMonth(date: string): string {
  return addDays(`${date.slice(0, 7)}-01`, -1).slice(0, 7);
}
