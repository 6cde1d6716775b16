import { toBinaryHeaders } from '../cloudevents/cloud-event';
import { CE_TYPES } from '../topics';
import { TenderOutcomeDecoder } from './tender-outcome.decoder';

const decoder = new TenderOutcomeDecoder();
const headers = (type: string) =>
  toBinaryHeaders({ id: 'msg-1', type, source: '/procurement', specversion: '1.0', time: '2025-04-15T10:00:00Z' });
const award = {
  unitId: 'unit-1',
  ocid: 'ocds-spnout-fin-001',
  awardId: 'award-1',
  providerId: 'prov-1',
  value: { amountMinor: 360_000_000, currency: 'CNY' },
};

describe('tender outcome messages', () => {
  it('reads an award with its CloudEvents attributes', () => {
    const decoded = decoder.decode(
      Buffer.from(JSON.stringify({ ...award, contractPeriod: { start: '2025-05-01', end: '2028-04-30' } })),
      headers(CE_TYPES.awardDecided),
    );
    expect(decoded).toEqual({
      ok: true,
      message: {
        attributes: expect.objectContaining({
          id: 'msg-1',
          type: CE_TYPES.awardDecided,
          source: '/procurement',
          time: '2025-04-15T10:00:00.000Z',
        }),
        outcome: {
          kind: 'award_decided',
          body: { ...award, contractPeriod: { start: '2025-05-01', end: '2028-04-30' } },
        },
      },
    });
  });

  it('tells cancelled from unsuccessful, and ignores fields it does not know', () => {
    const body = Buffer.from(
      JSON.stringify({ unitId: 'unit-1', ocid: 'ocds-spnout-fin-001', reason: 'No bids', bidCount: 0 }),
    );
    const cancelled = decoder.decode(body, headers(CE_TYPES.tenderCancelled));
    const unsuccessful = decoder.decode(body, headers(CE_TYPES.tenderUnsuccessful));
    expect(cancelled.ok && cancelled.message.outcome).toMatchObject({ kind: 'tender_failed', outcome: 'cancelled' });
    expect(unsuccessful.ok && unsuccessful.message.outcome).toMatchObject({
      kind: 'tender_failed',
      outcome: 'unsuccessful',
    });
  });

  it.each([
    ['not JSON', Buffer.from('{"unitId":'), headers(CE_TYPES.awardDecided), 'unparseable', /not JSON/],
    ['an empty body', Buffer.alloc(0), headers(CE_TYPES.awardDecided), 'unparseable', /no body/],
    [
      'no ce_id',
      Buffer.from(JSON.stringify(award)),
      { ...headers(CE_TYPES.awardDecided), ce_id: '' },
      'invalid_headers',
      /ce_id/,
    ],
    [
      'an unknown type',
      Buffer.from(JSON.stringify(award)),
      headers('gov.procurement.bid.received.v1'),
      'unknown_type',
      /bid\.received/,
    ],
    [
      'a negative value',
      Buffer.from(JSON.stringify({ ...award, value: { amountMinor: -1, currency: 'CNY' } })),
      headers(CE_TYPES.awardDecided),
      'schema_violation',
      /\/value\/amountMinor must be >= 0/,
    ],
    [
      'no provider',
      Buffer.from(JSON.stringify({ ...award, providerId: undefined })),
      headers(CE_TYPES.awardDecided),
      'schema_violation',
      /must have required property 'providerId'/,
    ],
    [
      'a malformed ocid',
      Buffer.from(JSON.stringify({ ...award, ocid: 'tender-7' })),
      headers(CE_TYPES.awardDecided),
      'schema_violation',
      /\/ocid must match pattern/,
    ],
    [
      'a NUL in the awardId',
      Buffer.from(JSON.stringify({ ...award, awardId: 'award-1\u0000' })),
      headers(CE_TYPES.awardDecided),
      'unsafe_input',
      /awardId contains a NUL character/,
    ],
    [
      'a lone surrogate in a key',
      Buffer.from(`{"unitId":"unit-1","\\ud800":1}`),
      headers(CE_TYPES.awardDecided),
      'unsafe_input',
      /unpaired UTF-16 surrogate/,
    ],
    [
      'a NUL in ce_id',
      Buffer.from(JSON.stringify(award)),
      { ...headers(CE_TYPES.awardDecided), ce_id: 'msg\u00001' },
      'unsafe_input',
      /header ce_id contains a NUL/,
    ],
    [
      'a lone surrogate in ce_source',
      Buffer.from(JSON.stringify(award)),
      { ...headers(CE_TYPES.awardDecided), ce_source: '/proc\udc00' },
      'unsafe_input',
      /header ce_source contains an unpaired/,
    ],
  ])('rejects %s with a code and a reason', (_, value, hdrs, code, reason) => {
    const decoded = decoder.decode(value, hdrs);
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.rejection.code).toBe(code);
    expect(!decoded.ok && decoded.rejection.reason).toMatch(reason);
  });
});
