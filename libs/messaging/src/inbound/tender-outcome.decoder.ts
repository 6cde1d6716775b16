import { findInputProblem, unsafeTextReason } from '@spinout/domain';
import { parseBinaryHeaders, type CloudEventAttributes, type RawHeaders } from '../cloudevents/cloud-event';
import type { PayloadSchemaName } from '../integration/json-schema';
import type { AwardDecidedV1, TenderFailedV1, TenderPublishedV1 } from '../integration/payloads.v1';
import { SchemaValidator } from '../integration/schema-validator';
import { CE_TYPES, type InboundCeType } from '../topics';

/** What a tender-outcome message asks Spinout to do. */
export type TenderOutcome =
  | { readonly kind: 'tender_published'; readonly body: TenderPublishedV1 }
  | { readonly kind: 'award_decided'; readonly body: AwardDecidedV1 }
  | { readonly kind: 'tender_failed'; readonly outcome: 'cancelled' | 'unsuccessful'; readonly body: TenderFailedV1 };

export interface DecodedMessage {
  readonly attributes: CloudEventAttributes;
  readonly outcome: TenderOutcome;
}

/** Why a message was not even read: it goes to the dead-letter topic with this code and reason. */
export interface Rejection {
  readonly code: 'invalid_headers' | 'unknown_type' | 'unparseable' | 'unsafe_input' | 'schema_violation';
  readonly reason: string;
}

export type Decoded = { ok: true; message: DecodedMessage } | { ok: false; rejection: Rejection };

const SCHEMA_OF: Readonly<Record<InboundCeType, PayloadSchemaName>> = {
  [CE_TYPES.tenderPublished]: 'TenderPublishedV1',
  [CE_TYPES.awardDecided]: 'AwardDecidedV1',
  [CE_TYPES.tenderCancelled]: 'TenderCancelledV1',
  [CE_TYPES.tenderUnsuccessful]: 'TenderUnsuccessfulV1',
};

const isInboundType = (type: string): type is InboundCeType => Object.prototype.hasOwnProperty.call(SCHEMA_OF, type);

/** As deep as an HTTP request body may nest. */
const MAX_DEPTH = 32;

/** The CloudEvents attributes that end up in stored metadata, by header name. */
const STORED_ATTRIBUTES: ReadonlyArray<[keyof CloudEventAttributes, string]> = [
  ['id', 'ce_id'],
  ['source', 'ce_source'],
  ['type', 'ce_type'],
  ['subject', 'ce_subject'],
  ['correlationid', 'ce_correlationid'],
];

/**
 * Reads a message of `procurement.tender-outcomes.v1`: CloudEvents binary headers, JSON body
 * valid against its schema, and no text (header or body) that a database cannot store.
 */
export class TenderOutcomeDecoder {
  constructor(private readonly validator = new SchemaValidator()) {}

  decode(value: Buffer | string | null | undefined, headers: RawHeaders | undefined): Decoded {
    const parsed = parseBinaryHeaders(headers);
    if (!parsed.ok) return reject('invalid_headers', parsed.reason);
    const { attributes } = parsed;
    for (const [attribute, header] of STORED_ATTRIBUTES) {
      const reason = unsafeTextReason(attributes[attribute] ?? '');
      if (reason) return reject('unsafe_input', `header ${header} ${reason}`);
    }
    if (!isInboundType(attributes.type)) {
      return reject('unknown_type', `ce_type "${attributes.type}" is not one of ${Object.keys(SCHEMA_OF).join(', ')}`);
    }
    if (value === null || value === undefined || value.length === 0)
      return reject('unparseable', 'the message has no body');
    let body: unknown;
    try {
      body = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
    } catch (error) {
      return reject('unparseable', `the body is not JSON: ${(error as Error).message}`);
    }
    // No store keeps NUL or a lone surrogate faithfully (PostgreSQL refuses them on every try):
    // refused here, before anything touches the database, as HTTP requests are.
    const problem = findInputProblem(body, { maxDepth: MAX_DEPTH });
    if (problem) return reject('unsafe_input', `the body is not accepted: ${problem.message}`);
    const schema = SCHEMA_OF[attributes.type];
    const validation = this.validator.validate(schema, body);
    if (!validation.ok)
      return reject('schema_violation', `the body does not match ${schema}: ${validation.errors.join('; ')}`);
    return { ok: true, message: { attributes, outcome: outcomeOf(attributes.type, body) } };
  }
}

/** The body was validated against the type's schema, so the casts hold. */
function outcomeOf(type: InboundCeType, body: unknown): TenderOutcome {
  switch (type) {
    case CE_TYPES.tenderPublished:
      return { kind: 'tender_published', body: body as TenderPublishedV1 };
    case CE_TYPES.awardDecided:
      return { kind: 'award_decided', body: body as AwardDecidedV1 };
    case CE_TYPES.tenderCancelled:
      return { kind: 'tender_failed', outcome: 'cancelled', body: body as TenderFailedV1 };
    case CE_TYPES.tenderUnsuccessful:
      return { kind: 'tender_failed', outcome: 'unsuccessful', body: body as TenderFailedV1 };
  }
}

function reject(code: Rejection['code'], reason: string): Decoded {
  return { ok: false, rejection: { code, reason } };
}
