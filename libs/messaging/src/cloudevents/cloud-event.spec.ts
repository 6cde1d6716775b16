import { headerText, parseBinaryHeaders, toBinaryHeaders } from './cloud-event';

const attributes = {
  id: 'e-1',
  type: 'gov.spinout.procurement.requested.v1',
  source: '/spinout',
  specversion: '1.0' as const,
  time: '2025-03-01T09:00:00.000Z',
  subject: 'unit-1',
  correlationid: 'c-1',
};

describe('CloudEvents binary mode', () => {
  it('writes ce_ headers and the JSON content type', () => {
    expect(toBinaryHeaders(attributes)).toEqual({
      ce_specversion: '1.0',
      ce_id: 'e-1',
      ce_type: 'gov.spinout.procurement.requested.v1',
      ce_source: '/spinout',
      ce_time: '2025-03-01T09:00:00.000Z',
      ce_subject: 'unit-1',
      ce_correlationid: 'c-1',
      'content-type': 'application/json',
    });
  });

  it('reads back what it wrote, from the byte values Kafka clients hand over', () => {
    const bytes = Object.fromEntries(Object.entries(toBinaryHeaders(attributes)).map(([k, v]) => [k, Buffer.from(v)]));
    expect(parseBinaryHeaders(bytes)).toEqual({ ok: true, attributes });
  });

  it('normalises ce_time to UTC with milliseconds', () => {
    const parsed = parseBinaryHeaders({ ...toBinaryHeaders(attributes), ce_time: '2025-03-01T17:00:00+08:00' });
    expect(parsed.ok && parsed.attributes.time).toBe('2025-03-01T09:00:00.000Z');
  });

  it.each([
    [{ ce_specversion: '0.3' }, /ce_specversion must be 1.0/],
    [{ ce_id: '' }, /missing CloudEvents header\(s\): ce_id/],
    [{ ce_time: 'yesterday' }, /ce_time must be an RFC 3339 timestamp/],
    [{ 'content-type': 'text/plain' }, /content-type must be application\/json/],
  ])('says what is wrong with %j', (override, reason) => {
    const parsed = parseBinaryHeaders({ ...toBinaryHeaders(attributes), ...override });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });

  it('takes the last value of a repeated header', () => {
    expect(headerText({ ce_id: [Buffer.from('a'), 'b'] }, 'ce_id')).toBe('b');
  });
});
