import { startTestApp, type TestApp } from './support/app';

/**
 * BUSINESS_TIMEZONE over HTTP: a command is stamped with the zone's offset, so its date is the
 * business date; the default is Beijing time. The day is computed here from the clock, in
 * fixed offsets (Asia/Shanghai has no summer time), before and after the request.
 */
const UNIT = {
  agency: 'Municipal Government Offices Administration',
  name: 'Night-shift canteen',
  category: 'canteen',
  establishmentHeadcount: 6,
  annualCostBaseline: { amountMinor: 90_000_000, currency: 'CNY' },
  assets: [],
};
const dayAt = (offsetHours: number, epochMs: number) =>
  new Date(epochMs + offsetHours * 3_600_000).toISOString().slice(0, 10);

describe.each([
  ['the default, Asia/Shanghai', {}, '+08:00', 8],
  ['UTC', { businessTimeZone: 'UTC' }, '+00:00', 0],
] as const)('commands in the business time zone: %s', (_name, overrides, offset, hours) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', overrides);
  });
  afterAll(() => t?.close());

  it('stamps the command with the zone offset, and dates it on the business date', async () => {
    const before = Date.now();
    const created = await t.http.post('/service-units').set(t.as('li.office', 'reform_office')).send(UNIT).expect(201);
    const after = Date.now();
    const history = await t.http
      .get(`/service-units/${created.body.id}/history`)
      .set(t.as('chen.audit', 'auditor'))
      .expect(200);
    const [registered] = history.body.events as { occurredAt: string; data: { registeredAt: string } }[];
    expect(registered.occurredAt.endsWith(offset)).toBe(true);
    expect(registered.data.registeredAt).toBe(registered.occurredAt);
    const instant = Date.parse(registered.occurredAt);
    expect(instant).toBeGreaterThanOrEqual(before - 1);
    expect(instant).toBeLessThanOrEqual(after + 1);
    expect([dayAt(hours, before), dayAt(hours, after)]).toContain(registered.occurredAt.slice(0, 10));
  });

  it("counts overdue milestones on today's date in the zone, and says which day that is", async () => {
    const before = Date.now();
    const units = await t.http.get('/views/units').set(t.as('li.office', 'reform_office')).expect(200);
    const after = Date.now();
    expect([dayAt(hours, before), dayAt(hours, after)]).toContain(units.body.asOf);
  });
});
