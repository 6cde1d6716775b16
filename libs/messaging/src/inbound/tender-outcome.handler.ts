import {
  conflict,
  notFound,
  serviceUnitDecider,
  streamIdOf,
  tenderMilestoneOnPublication,
  type AwardRecorded,
  type ProcurementCancelled,
} from '@spinout/domain';
import {
  foldStream,
  isEventOf,
  runCommand,
  type EventMetadata,
  type EventStore,
  type StoredEvent,
} from '@spinout/event-store';
import { recordAward } from '@spinout/workflow';
import type { CloudEventAttributes } from '../cloudevents/cloud-event';
import { inboundEventIds } from './inbound-event-ids';
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

export interface MessageContext {
  readonly origin: MessageOrigin;
  /**
   * When this consumer received the message (ISO 8601): the time every decision is taken at.
   * The same for every try of one delivery, so a retry produces the same events.
   */
  readonly receivedAt: string;
}

/**
 * Turns a decoded tender outcome into a command on its service unit:
 * - award decided → `recordAward`, the rule the HTTP endpoint also uses (provider eligible on the
 *   day the award is received, unit in procurement for that ocid);
 * - tender cancelled / unsuccessful → `CancelProcurement` with that outcome (unit back to plan_approved);
 * - tender published → completes the `tender` milestone the domain says publication completes
 *   (`tenderMilestoneOnPublication`), and is otherwise only acknowledged: publication changes no
 *   stage (the unit is already in procurement).
 *
 * Time: decisions use the time of receipt, never the sender's `ce_time`, which is kept in the
 * metadata (`ceTime`). A sender cannot choose the day a provider's eligibility is checked on, nor
 * place an event where as-of queries would read it out of order.
 *
 * Once only: event ids derive from `(ce_source, ce_id)`, and a message is a duplicate when the
 * unit's stream already holds an event it caused (same source and causation id: this also finds
 * messages applied when ids came from `ce_id` alone), or the award or closure it asks for. A
 * failure of a racing delivery that applied it meanwhile is reported as a duplicate, not an error.
 * Refusals are `DomainError`s (the consumer dead-letters them).
 */
export async function handleTenderOutcome(
  store: EventStore,
  message: DecodedMessage,
  context: MessageContext,
): Promise<HandleResult> {
  const { attributes, outcome } = message;
  const unitId = outcome.body.unitId;
  const streamId = streamIdOf('serviceUnit', unitId);
  const stored = await store.readStream(streamId);
  if (stored.length === 0) throw notFound('unknown_unit', `No service unit with id ${unitId}`, { unitId });
  const duplicate = {
    effect: 'duplicate' as const,
    summary: `message ${attributes.id} from ${attributes.source} was already applied to unit ${unitId}`,
  };
  if (alreadyApplied(stored, attributes)) return duplicate;
  try {
    return await apply(store, message, context, stored);
  } catch (error) {
    // Another delivery of this message (a rebalance, an abandoned try) may have won the race.
    const now = await store.readStream(streamId).catch(() => null);
    if (now && alreadyApplied(now, attributes)) return duplicate;
    throw error;
  }
}

async function apply(
  store: EventStore,
  message: DecodedMessage,
  context: MessageContext,
  stored: StoredEvent[],
): Promise<HandleResult> {
  const { attributes, outcome } = message;
  const unitId = outcome.body.unitId;
  const streamId = streamIdOf('serviceUnit', unitId);
  const at = context.receivedAt;
  const eventIds = inboundEventIds(attributes.source, attributes.id);
  const metadata: EventMetadata = {
    actor: TENDER_OUTCOMES_ACTOR,
    correlationId: attributes.correlationid ?? attributes.id,
    causationId: attributes.id,
    occurredAt: at,
    receivedAt: at,
    ceTime: attributes.time,
    source: attributes.source,
    kafka: { topic: context.origin.topic, partition: context.origin.partition, offset: context.origin.offset },
  };
  const common = { store, decider: serviceUnitDecider, streamId, metadata, eventIds };

  switch (outcome.kind) {
    case 'award_decided': {
      const { ocid, awardId, providerId, value, contractPeriod } = outcome.body;
      if (
        stored.some(
          (e) => isEventOf<AwardRecorded>(e, ['AwardRecorded']) && sameAward(e.data, ocid, awardId, providerId),
        )
      ) {
        return {
          effect: 'duplicate',
          summary: `award ${awardId} of ${ocid} to provider ${providerId} is already recorded for unit ${unitId}`,
        };
      }
      const award = {
        procurementId: ocid,
        awardId,
        providerId,
        contractValue: value,
        ...(contractPeriod ? { contractPeriod } : {}),
      };
      const result = await recordAward(store, { unitId, award, actor: TENDER_OUTCOMES_ACTOR, at, metadata, eventIds });
      return {
        effect: result.appended ? 'applied' : 'duplicate',
        summary: `award ${awardId} to provider ${providerId} recorded for unit ${unitId}`,
      };
    }
    case 'tender_failed': {
      const { ocid, reason } = outcome.body;
      if (
        stored.some(
          (e) =>
            isEventOf<ProcurementCancelled>(e, ['ProcurementCancelled']) && sameClosure(e.data, ocid, outcome.outcome),
        )
      ) {
        return {
          effect: 'duplicate',
          summary: `procurement ${ocid} of unit ${unitId} is already closed as ${outcome.outcome}`,
        };
      }
      const command = {
        type: 'CancelProcurement' as const,
        data: { procurementId: ocid, reason, outcome: outcome.outcome },
        actor: TENDER_OUTCOMES_ACTOR,
        at,
      };
      const result = await runCommand({ ...common, command });
      return {
        effect: result.appended ? 'applied' : 'duplicate',
        summary: `procurement ${ocid} of unit ${unitId} closed as ${outcome.outcome}`,
      };
    }
    case 'tender_published': {
      const { ocid } = outcome.body;
      const unit = foldStream(serviceUnitDecider, stored);
      if (unit.status !== 'registered') throw notFound('unknown_unit', `No service unit with id ${unitId}`, { unitId });
      if (!unit.procurementIds.includes(ocid)) {
        throw conflict('unknown_procurement', `Unit ${unitId} never requested procurement ${ocid}`, {
          unitId,
          procurementId: ocid,
        });
      }
      const milestone = tenderMilestoneOnPublication(unit);
      if (!milestone)
        return {
          effect: 'acknowledged',
          summary: `tender ${ocid} of unit ${unitId} published; no open tender milestone`,
        };
      const command = {
        type: 'CompleteMilestone' as const,
        data: { milestoneId: milestone.milestoneId },
        actor: TENDER_OUTCOMES_ACTOR,
        at,
      };
      const result = await runCommand({ ...common, command });
      return {
        effect: result.appended ? 'applied' : 'duplicate',
        summary: `tender ${ocid} published: milestone ${milestone.milestoneId} of unit ${unitId} completed`,
      };
    }
  }
}

/**
 * Whether the stream holds an event this message caused: the first id of the current rule, or
 * an event of this consumer with the message's source and id in its metadata, which every event
 * appended for a message has carried (also under the earlier ids from `ce_id` alone).
 */
export function alreadyApplied(
  stored: readonly StoredEvent[],
  attributes: Pick<CloudEventAttributes, 'id' | 'source'>,
): boolean {
  const firstId = inboundEventIds(attributes.source, attributes.id)(0);
  return stored.some(
    (event) =>
      event.eventId === firstId ||
      (event.metadata.actor === TENDER_OUTCOMES_ACTOR &&
        event.metadata.causationId === attributes.id &&
        event.metadata.source === attributes.source),
  );
}

function sameAward(award: AwardRecorded['data'], ocid: string, awardId: string, providerId: string): boolean {
  return award.procurementId === ocid && award.awardId === awardId && award.providerId === providerId;
}

function sameClosure(closure: ProcurementCancelled['data'], ocid: string, outcome: string): boolean {
  return closure.procurementId === ocid && closure.outcome === outcome;
}
