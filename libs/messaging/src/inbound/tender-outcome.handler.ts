import { conflict, fold, notFound, serviceUnitDecider, type RegisteredServiceUnit, type ServiceUnitEvent } from '@spinout/domain';
import { runCommand, type EventMetadata, type EventStore } from '@spinout/event-store';
import { eventIdsFor, recordAward, streamIdOf } from '@spinout/workflow';
import type { DecodedMessage } from './tender-outcome.decoder';

export const TENDER_OUTCOMES_ACTOR = 'system:tender-outcomes';

/** What a message did: new events, nothing because it was already applied, or nothing to do. */
export type HandleEffect = 'applied' | 'duplicate' | 'acknowledged';

export interface HandleResult {
  readonly effect: HandleEffect;
  /** For the log: what happened to which unit. */
  readonly summary: string;
}

/** Where the message came from, kept in the events' metadata for the audit trail. */
export interface MessageOrigin {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Turns a decoded tender outcome into a command on its service unit:
 * - award decided → `recordAward`, the rule the HTTP endpoint also uses (provider eligible on the
 *   day of the award, unit in procurement for that ocid);
 * - tender cancelled / unsuccessful → `CancelProcurement` with that outcome (unit back to plan_approved);
 * - tender published → completes the unit's earliest open `tender` milestone, if it has one, and is
 *   otherwise only acknowledged: publication changes no stage (the unit is already in procurement).
 *
 * Event ids derive from the message's `ce_id`, and a message whose first event id is already in the
 * unit's stream is reported as a duplicate without deciding again, so a redelivery has no effect.
 * Refusals are `DomainError`s (the consumer dead-letters them); anything else is transient.
 */
export async function handleTenderOutcome(store: EventStore, message: DecodedMessage, origin: MessageOrigin): Promise<HandleResult> {
  const { attributes, outcome } = message;
  const unitId = outcome.body.unitId;
  const streamId = streamIdOf('serviceUnit', unitId);
  const stored = await store.readStream(streamId);
  if (stored.length === 0) throw notFound('unknown_unit', `No service unit with id ${unitId}`, { unitId });
  const eventIds = eventIdsFor(attributes.id);
  if (stored.some((event) => event.eventId === eventIds(0))) {
    return { effect: 'duplicate', summary: `message ${attributes.id} was already applied to unit ${unitId}` };
  }
  const unit = fold(serviceUnitDecider, stored as unknown as ServiceUnitEvent[]) as RegisteredServiceUnit;
  const metadata: EventMetadata = {
    actor: TENDER_OUTCOMES_ACTOR,
    correlationId: attributes.correlationid ?? attributes.id,
    causationId: attributes.id,
    occurredAt: attributes.time,
    source: attributes.source,
    kafka: { topic: origin.topic, partition: origin.partition, offset: origin.offset },
  };
  const common = { store, decider: serviceUnitDecider, streamId, metadata, eventIds };

  switch (outcome.kind) {
    case 'award_decided': {
      const { ocid, awardId, providerId, value, contractPeriod } = outcome.body;
      const award = { procurementId: ocid, awardId, providerId, contractValue: value, ...(contractPeriod ? { contractPeriod } : {}) };
      const result = await recordAward(store, { unitId, award, actor: TENDER_OUTCOMES_ACTOR, at: attributes.time, metadata, eventIds });
      return { effect: result.appended ? 'applied' : 'duplicate', summary: `award ${awardId} to provider ${providerId} recorded for unit ${unitId}` };
    }
    case 'tender_failed': {
      const { ocid, reason } = outcome.body;
      const command = { type: 'CancelProcurement' as const, data: { procurementId: ocid, reason, outcome: outcome.outcome }, actor: TENDER_OUTCOMES_ACTOR, at: attributes.time };
      const result = await runCommand({ ...common, command });
      return { effect: result.appended ? 'applied' : 'duplicate', summary: `procurement ${ocid} of unit ${unitId} closed as ${outcome.outcome}` };
    }
    case 'tender_published': {
      const { ocid } = outcome.body;
      if (!unit.procurementIds.includes(ocid)) {
        throw conflict('unknown_procurement', `Unit ${unitId} never requested procurement ${ocid}`, { unitId, procurementId: ocid });
      }
      const milestone = [...unit.milestones].filter((m) => m.kind === 'tender' && m.completedAt === null).sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1))[0];
      if (!milestone) return { effect: 'acknowledged', summary: `tender ${ocid} of unit ${unitId} published; no open tender milestone` };
      const command = { type: 'CompleteMilestone' as const, data: { milestoneId: milestone.milestoneId }, actor: TENDER_OUTCOMES_ACTOR, at: attributes.time };
      const result = await runCommand({ ...common, command });
      return { effect: result.appended ? 'applied' : 'duplicate', summary: `tender ${ocid} published: milestone ${milestone.milestoneId} of unit ${unitId} completed` };
    }
  }
}
