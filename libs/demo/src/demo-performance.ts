import {
  type ContractCommand,
  contractDecider,
  measurementKey,
  type Money,
  type SlaDefinition,
  streamIdOf,
} from '@spinout/domain';
import { loadState, runCommand } from '@spinout/event-store';
import { SPINOUT_NAMESPACE, uuidFromName } from '@spinout/workflow';
import { DEMO_ACTORS, demoId, GOOD_RANGES } from './demo-data';
import { type CommandBody, type DemoContext } from './demo-sender';
import { dayAfterPeriod, monthsFrom } from './demo-timeline';
import type { DemoUnit } from './demo-units';

/**
 * A contract's monthly cycle, as a contract manager and finance run it. Each month is measured
 * on the 5th of the next, invoiced on the 8th, corrected (where the story says so) on the 9th —
 * after the invoice, so the settlement is recalculated — approved by finance on the 12th and paid
 * on the 20th. A critical breach opens a rectification plan by itself; the story closes one.
 */

export interface PerformanceJourney {
  readonly unit: DemoUnit;
  readonly contractId: string;
  readonly story: string;
  readonly slas: readonly SlaDefinition[];
  /** Invoiced in full each month; the contract deducts the service credits. */
  readonly monthlyCharge: Money;
  readonly firstPeriod: string;
  readonly lastPeriod: string;
}

/** A value on the good side of the SLA's target, the same for the same contract, SLA and month. */
export function goodValue(unitKey: string, slaId: string, period: string): number {
  const range = GOOD_RANGES[slaId];
  if (range === undefined) throw new Error(`No good range for SLA ${slaId}`);
  const fraction =
    parseInt(uuidFromName(SPINOUT_NAMESPACE, `demo:measure:${unitKey}:${slaId}:${period}`).slice(0, 8), 16) /
    0x1_0000_0000;
  return Math.round((range[0] + fraction * (range[1] - range[0])) * 10) / 10;
}

export function bookPerformance(ctx: DemoContext, journey: PerformanceJourney): void {
  const { unit, contractId, story, slas } = journey;
  const { contracts, finance } = DEMO_ACTORS;
  const streamId = streamIdOf('contract', contractId);
  const book = (step: string, date: string, actor: string, body: CommandBody<ContractCommand>, reason?: string) =>
    ctx.timeline.on(date, () =>
      ctx.sender.send(
        { key: `${story}:contract:${step}`, date, actor, story, reason },
        contractDecider,
        streamId,
        body,
      ),
    );
  const performance = unit.performance ?? {};

  for (const period of monthsFrom(journey.firstPeriod, journey.lastPeriod)) {
    for (const sla of slas) {
      const value = performance.months?.[sla.slaId]?.[period] ?? goodValue(unit.key, sla.slaId, period);
      book(`measure:${sla.slaId}:${period}`, dayAfterPeriod(period, 5), contracts, {
        type: 'RecordMeasurement',
        data: { contractId, slaId: sla.slaId, period, value },
      });
    }
    book(`invoice:${period}`, dayAfterPeriod(period, 8), contracts, {
      type: 'RecordInvoice',
      data: {
        contractId,
        invoiceId: demoId(`invoice:${unit.key}:${period}`),
        period,
        grossCharge: journey.monthlyCharge,
      },
    });
    for (const correction of performance.corrections ?? []) {
      if (correction.period !== period) continue;
      const { slaId, value, reason } = correction;
      book(
        `correct:${slaId}:${period}`,
        dayAfterPeriod(period, 9),
        contracts,
        { type: 'CorrectMeasurement', data: { contractId, slaId, period, value, reason } },
        reason,
      );
    }
    book(`settlement:${period}:approve`, dayAfterPeriod(period, 12), finance, {
      type: 'ApproveSettlement',
      data: { contractId, period },
    });
    const payOn = dayAfterPeriod(period, 20);
    ctx.timeline.on(payOn, () =>
      ctx.sender.issue(
        { key: `${story}:contract:settlement:${period}:pay`, date: payOn, actor: finance, story },
        streamId,
        async ({ at, metadata, eventIds }) => {
          // Payments are exact: the amount is the approved net payable, which the contract computed.
          const { state: contract } = await loadState(ctx.store, contractDecider, streamId);
          const settlement = contract.status === 'none' ? undefined : contract.settlements[period];
          if (settlement === undefined)
            throw new Error(`Contract ${contractId} has no settlement for ${period} to pay`);
          const data = {
            contractId,
            period,
            amount: settlement.net,
            paymentRef: demoId(`payment:${unit.key}:${period}`),
          };
          return runCommand({
            store: ctx.store,
            decider: contractDecider,
            streamId,
            command: { type: 'RecordPayment', data, actor: finance, at },
            metadata,
            eventIds,
          });
        },
      ),
    );
  }

  const closing = performance.closedRectification;
  if (closing !== undefined) {
    const rectificationId = measurementKey(closing.slaId, closing.period);
    book(`rectification:${rectificationId}:close`, closing.closedOn, contracts, {
      type: 'CloseRectificationPlan',
      data: { contractId, rectificationId, evidence: closing.evidence },
    });
  }
}
