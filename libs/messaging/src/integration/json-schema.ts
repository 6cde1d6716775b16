import { RATING_CODES, RATING_SCHEME_IDS, RATING_SCHEMES, YEAR_MONTH_PATTERN } from '@spinout/domain';

/**
 * The JSON Schemas (draft-07) of every message body on Spinout's topics. They are the public
 * contract: docs/asyncapi.yaml holds the same schemas under `components.schemas` (a spec checks
 * they are equal), the consumer validates inbound bodies with them, and the end-to-end specs
 * validate what the relay publishes against the AsyncAPI copy.
 *
 * Outbound schemas are closed (`additionalProperties: false`) so our own output cannot drift
 * from the document; inbound ones are open (tolerant reader: unknown fields are ignored).
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

const text = { type: 'string', minLength: 1, maxLength: 2000 } as const;
const id = { type: 'string', minLength: 1, maxLength: 200 } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const date = { type: 'string', format: 'date' } as const;
/** Shared schemas are referenced as in the AsyncAPI document: `#/components/schemas/<Name>`. */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` }) as const;
const ocid = ref('Ocid');
const money = ref('Money');
const period = ref('ContractPeriod');

const closed = (required: readonly string[], properties: Record<string, unknown>): JsonSchema => ({
  type: 'object',
  additionalProperties: false,
  required: [...required],
  properties,
});
const open = (required: readonly string[], properties: Record<string, unknown>): JsonSchema => ({
  type: 'object',
  required: [...required],
  properties,
});

const CATEGORIES = [
  'canteen',
  'motor_pool',
  'property',
  'cleaning',
  'security',
  'reception',
  'printing',
  'landscaping',
  'staff_housing',
  'other',
];
const CONTRACT_REF = ['contractId', 'unitId', 'providerId', 'agency', 'ocid', 'awardId'] as const;
const contractRef = { contractId: id, unitId: id, providerId: id, agency: text, ocid, awardId: id };

export const SHARED_SCHEMAS = {
  Money: {
    type: 'object',
    description: 'Money in integer minor units (fen for CNY) and an ISO 4217 currency code',
    additionalProperties: false,
    required: ['amountMinor', 'currency'],
    properties: {
      amountMinor: { type: 'integer', minimum: 0 },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    },
  },
  Ocid: {
    type: 'string',
    description: 'OCDS open contracting id of the tender',
    pattern: '^ocds-[A-Za-z0-9]{6}-\\S+$',
  },
  ContractPeriod: {
    type: 'object',
    description: 'Calendar dates YYYY-MM-DD, end after start',
    additionalProperties: false,
    required: ['start', 'end'],
    properties: { start: date, end: date },
  },
} as const satisfies Record<string, JsonSchema>;

export const PAYLOAD_SCHEMAS = {
  ProcurementRequestedV1: closed(
    ['unitId', 'ocid', 'description', 'category', 'estimatedValue', 'agency', 'requestedAt'],
    {
      unitId: id,
      ocid,
      description: text,
      category: { type: 'string', enum: CATEGORIES },
      estimatedValue: money,
      agency: text,
      requestedAt: dateTime,
    },
  ),
  ContractSignedV1: closed([...CONTRACT_REF, 'signedAt'], { ...contractRef, signedAt: dateTime }),
  ContractActivatedV1: closed([...CONTRACT_REF, 'period', 'activatedAt'], {
    ...contractRef,
    period,
    activatedAt: dateTime,
  }),
  ContractAmendedV1: closed([...CONTRACT_REF, 'amendmentId', 'version', 'rationale', 'changes', 'amendedAt'], {
    ...contractRef,
    amendmentId: id,
    version: { type: 'integer', minimum: 1 },
    rationale: text,
    changes: {
      type: 'object',
      additionalProperties: false,
      properties: {
        totalValue: money,
        periodEnd: date,
        monthlyCharge: money,
        slaIds: { type: 'array', items: id, description: 'The SLA schedule after the amendment, when it changed' },
      },
    },
    amendedAt: dateTime,
  }),
  ContractTerminatedV1: closed([...CONTRACT_REF, 'reason', 'detail', 'unitRoute', 'terminatedAt'], {
    ...contractRef,
    reason: { type: 'string', enum: ['expiry', 'breach', 'convenience', 'provider_debarred'] },
    detail: text,
    unitRoute: {
      type: 'string',
      enum: ['retender', 'insource'],
      description: 'retender: a new tender for the unit follows',
    },
    terminatedAt: dateTime,
  }),
  ContractExpiredV1: closed([...CONTRACT_REF, 'expiredAt'], { ...contractRef, expiredAt: dateTime }),
  ProviderScorecardPublishedV1: closed(
    [
      'providerId',
      'period',
      'revision',
      'score',
      'rating',
      'measurements',
      'contracts',
      'breaches',
      'criticalBreaches',
      'serviceCredits',
      'contractScores',
      'publishedAt',
    ],
    {
      providerId: id,
      period: { type: 'string', pattern: YEAR_MONTH_PATTERN.source, description: 'Calendar month YYYY-MM' },
      revision: {
        type: 'integer',
        minimum: 1,
        description: 'Later revisions of the same provider and period supersede earlier ones',
      },
      score: { type: 'number', minimum: 0, maximum: 100 },
      rating: {
        type: 'string',
        enum: RATING_SCHEMES.uk_procurement_act.map((grade) => grade.code),
        description: 'The score’s rating in the UK Procurement Act 2023 bands, whatever the scheme of `grade`',
      },
      grade: {
        ...closed(['scheme', 'code'], {
          scheme: { type: 'string', enum: [...RATING_SCHEME_IDS] },
          code: { type: 'string', enum: [...RATING_CODES] },
        }),
        description: 'The score’s grade in the rating scheme the service was configured with when it published it',
      },
      measurements: { type: 'integer', minimum: 0 },
      contracts: { type: 'integer', minimum: 0 },
      breaches: { type: 'integer', minimum: 0 },
      criticalBreaches: { type: 'integer', minimum: 0 },
      serviceCredits: {
        type: 'array',
        items: money,
        description: 'Sum of the period’s service credits, one entry per currency',
      },
      contractScores: {
        type: 'array',
        items: closed(['contractId', 'score', 'measurements'], {
          contractId: id,
          score: { type: 'number', minimum: 0, maximum: 100 },
          measurements: { type: 'integer', minimum: 1 },
        }),
      },
      publishedAt: dateTime,
    },
  ),
  TenderPublishedV1: open(['unitId', 'ocid'], { unitId: id, ocid, publishedAt: dateTime }),
  AwardDecidedV1: open(['unitId', 'ocid', 'awardId', 'providerId', 'value'], {
    unitId: id,
    ocid,
    awardId: id,
    providerId: id,
    value: money,
    contractPeriod: period,
  }),
  TenderCancelledV1: open(['unitId', 'ocid', 'reason'], { unitId: id, ocid, reason: text }),
  TenderUnsuccessfulV1: open(['unitId', 'ocid', 'reason'], { unitId: id, ocid, reason: text }),
} as const satisfies Record<string, JsonSchema>;

export type PayloadSchemaName = keyof typeof PAYLOAD_SCHEMAS;

const header = (description: string, extra: Record<string, unknown> = {}) => ({
  type: 'string',
  description,
  ...extra,
});

/** Kafka headers of every message (CloudEvents binary mode), and the extra ones of a dead letter. */
export const HEADER_SCHEMAS = {
  CloudEventHeaders: {
    type: 'object',
    required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', 'content-type'],
    properties: {
      ce_specversion: header('CloudEvents version', { const: '1.0' }),
      ce_id: header('Unique id of the event; consumers deduplicate by it', { minLength: 1 }),
      ce_type: header('Event type, versioned by suffix (e.g. gov.spinout.procurement.requested.v1)', { minLength: 1 }),
      ce_source: header('Who produced the event (/spinout for Spinout)', { minLength: 1 }),
      ce_time: header('When it happened (RFC 3339)', { format: 'date-time' }),
      ce_subject: header('The aggregate the event is about; equals the message key'),
      ce_correlationid: header(
        'Extension: the correlation id of the chain: the X-Correlation-Id of the HTTP request that started it (sent or made for it), or the ce_correlationid of the inbound message; on a tender outcome it is stored with the events the message causes',
      ),
      'content-type': header('Media type of the value', { const: 'application/json' }),
    },
  },
  DeadLetterHeaders: {
    type: 'object',
    required: ['dlt_original_topic', 'dlt_original_partition', 'dlt_original_offset', 'dlt_reason', 'dlt_error_code'],
    properties: {
      dlt_original_topic: header('Topic the message was read from'),
      dlt_original_partition: header('Partition it was read from (decimal)', { pattern: '^\\d+$' }),
      dlt_original_offset: header('Its offset there (decimal)', { pattern: '^\\d+$' }),
      dlt_reason: header('Why it could not be processed, in a sentence', { minLength: 1 }),
      dlt_error_code: header(
        'Machine-readable cause: unparseable, invalid_headers, unknown_type, unsafe_input (NUL or a lone surrogate, nesting too deep), schema_violation, clock_skew (ce_time too far ahead), unknown_unit, the domain error code (e.g. provider_not_eligible), invalid_data (a value the database refuses), event_id_conflict, type_error, or retries_exhausted (transient failures outlasted the retry budget)',
        { minLength: 1 },
      ),
      dlt_consumer_group: header('Consumer group that gave up on it'),
      dlt_failed_at: header('When it was dead-lettered (RFC 3339)', { format: 'date-time' }),
      dlt_attempts: header('How many times the consumer tried the message (decimal)', { pattern: '^\\d+$' }),
      dlt_truncated: header(
        '"true" when the copy with these headers was too large for the broker: the value is cut to its first 64 KiB (or left out) and only the ce_* and content-type headers are kept, each cut to 1 KiB',
        { const: 'true' },
      ),
      dlt_original_value_bytes: header('Size of the original value in bytes (decimal), with dlt_truncated', {
        pattern: '^\\d+$',
      }),
    },
  },
} as const satisfies Record<string, JsonSchema>;

/** Every schema of the document, keyed as under `components.schemas` in docs/asyncapi.yaml. */
export const COMPONENT_SCHEMAS = { ...SHARED_SCHEMAS, ...HEADER_SCHEMAS, ...PAYLOAD_SCHEMAS } as const;
