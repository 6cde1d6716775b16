import {
  type ReformPlanTerms,
  serviceUnitDecider,
  type ServiceUnitCommand,
  type ServiceUnitStage,
  streamIdOf,
} from '@spinout/domain';
import { bookContract } from './demo-contract-journey';
import { AGENCIES, assetIdOf, DEMO_ACTORS, demoId, ocidOf, unitIdOf, yuan } from './demo-data';
import { type CommandBody, type DemoContext } from './demo-sender';
import { addDays } from './demo-timeline';
import type { DemoPlan, DemoUnit } from './demo-units';
import { calendarOf, INVENTORY_START, type WaveCalendar } from './demo-waves';

/**
 * One unit's reform as the reform office, the approver and procurement would carry it out:
 * registration and milestones, the plan (and its rejection or revision), the tender, the award,
 * and from there the contract journey. Each entry of the catalogue says where the unit ends;
 * the journey books exactly the steps that lead there.
 */

const TENDERED: readonly ServiceUnitStage[] = ['procurement', 'awarded', 'transition', 'outsourced', 'spun_off'];
const UNDECIDED: readonly ServiceUnitStage[] = ['in_house', 'plan_proposed'];
const MILESTONE_TITLES = {
  plan_approval: 'Reform plan approved',
  tender: 'Tender published',
  award: 'Contract awarded',
  handover: 'Staff and assets handed over',
} as const;
type StandardMilestone = keyof typeof MILESTONE_TITLES;

const terms = (plan: DemoPlan): ReformPlanTerms => ({
  mode: plan.mode,
  managementFunctionsKept: [...plan.kept],
  rationale: plan.rationale,
  targetAnnualCost: yuan(plan.targetCost),
  targetDate: plan.targetDate,
});

type Book = (step: string, date: string, actor: string, body: CommandBody<ServiceUnitCommand>, reason?: string) => void;

/** Books a unit's steps. `inventoryIndex` orders registrations; `wavePosition` spreads the wave. */
export function bookUnit(ctx: DemoContext, unit: DemoUnit, inventoryIndex: number, wavePosition: number): void {
  const unitId = unitIdOf(unit.key);
  const streamId = streamIdOf('serviceUnit', unitId);
  const story = `unit:${unit.key}`;
  const book: Book = (step, date, actor, body, reason) =>
    ctx.timeline.on(date, () =>
      ctx.sender.send({ key: `${story}:${step}`, date, actor, story, reason }, serviceUnitDecider, streamId, body),
    );

  const registeredOn = addDays(INVENTORY_START, inventoryIndex);
  book('register', registeredOn, DEMO_ACTORS.office, {
    type: 'RegisterServiceUnit',
    data: {
      unitId,
      agency: AGENCIES[unit.agency],
      name: unit.name,
      category: unit.category,
      establishmentHeadcount: unit.headcount,
      annualCostBaseline: yuan(unit.baseline),
      assets: unit.assets.map((asset) => ({
        assetId: assetIdOf(unit.key, asset.key),
        description: asset.description,
        bookValue: yuan(asset.bookValue),
      })),
    },
  });
  (unit.extraMilestones ?? []).forEach(({ kind, title, due }, i) =>
    book(`milestone:extra-${i}`, registeredOn, DEMO_ACTORS.office, {
      type: 'ScheduleMilestone',
      data: { milestoneId: demoId(`milestone:${unit.key}:extra-${i}`), kind, title, dueDate: due },
    }),
  );
  if (unit.wave === undefined || unit.plan === undefined) return;
  bookReform(ctx, book, {
    unit,
    unitId,
    story,
    plan: unit.plan,
    calendar: calendarOf(unit.wave, wavePosition),
    registeredOn,
  });
}

interface Reform {
  readonly unit: DemoUnit;
  readonly unitId: string;
  readonly story: string;
  readonly plan: DemoPlan;
  readonly calendar: WaveCalendar;
  readonly registeredOn: string;
}

/** From the milestones of the plan to the award: proposal, rejection or revision, approval, staff plan, tender. */
function bookReform(ctx: DemoContext, book: Book, reform: Reform): void {
  const { unit, plan, calendar } = reform;
  const { office, approver, procurement } = DEMO_ACTORS;
  const milestones = standardMilestones(unit);
  const milestoneId = (kind: StandardMilestone) => demoId(`milestone:${unit.key}:${kind}`);
  for (const kind of milestones) {
    const data = { milestoneId: milestoneId(kind), kind, title: MILESTONE_TITLES[kind], dueDate: calendar.due[kind] };
    book(`milestone:${kind}`, reform.registeredOn, office, { type: 'ScheduleMilestone', data });
  }
  const milestoneDone = (kind: StandardMilestone, date: string) => {
    if (milestones.includes(kind))
      book(`milestone:${kind}:done`, date, office, {
        type: 'CompleteMilestone',
        data: { milestoneId: milestoneId(kind) },
      });
  };

  book('plan:propose', calendar.proposed, office, { type: 'ProposeReformPlan', data: terms(plan) });
  if (unit.rejection) {
    book(
      'plan:reject',
      calendar.rejected,
      approver,
      { type: 'RejectReformPlan', data: { reason: unit.rejection.reason } },
      unit.rejection.reason,
    );
    if (unit.rejection.revised)
      book('plan:revise', calendar.revised, office, { type: 'ReviseReformPlan', data: terms(unit.rejection.revised) });
  }
  if (UNDECIDED.includes(unit.stage)) return;
  book('plan:approve', calendar.approved, approver, { type: 'ApproveReformPlan', data: {} });
  milestoneDone('plan_approval', calendar.approved);
  if (unit.stage === 'charge_back')
    book('charge-back:live', calendar.chargeBackLive, office, { type: 'CompleteChargeBack', data: {} });
  if (unit.staff)
    book('staff:plan', calendar.staffPlanned, office, { type: 'PlanStaffDiversion', data: unit.staff.plan });
  if (!TENDERED.includes(unit.stage) && unit.failedTender === undefined) return;

  const tender = (n: number, date: string) => {
    const description = `${unit.name}: three-year service contract (${AGENCIES[unit.agency]})`;
    book(`tender:${n}`, date, office, {
      type: 'RequestProcurement',
      data: { procurementId: ocidOf(unit.key, n), estimatedValue: yuan(plan.targetCost * 3), description },
    });
  };
  tender(1, calendar.tendered);
  milestoneDone('tender', calendar.tendered);
  if (unit.failedTender !== undefined) {
    const data = { procurementId: ocidOf(unit.key, 1), outcome: 'unsuccessful' as const, reason: unit.failedTender };
    book('tender:1:failed', calendar.tenderFailed, procurement, { type: 'CancelProcurement', data }, unit.failedTender);
  }
  if (unit.award === undefined) return;
  bookContract(ctx, {
    unit,
    unitId: reform.unitId,
    story: reform.story,
    calendar,
    milestoneDone,
    ocid: ocidOf(unit.key, 1),
  });
  const retender = unit.performance?.termination?.retenderOn;
  if (retender !== undefined) tender(2, retender);
}

/** Tendered plans track all four milestones; other plans, and proposals still in review, only the approval. */
function standardMilestones(unit: DemoUnit): StandardMilestone[] {
  const tendered = unit.plan?.mode === 'outsource' || unit.plan?.mode === 'spin_off';
  return tendered && unit.wave !== 'late' ? ['plan_approval', 'tender', 'award', 'handover'] : ['plan_approval'];
}
