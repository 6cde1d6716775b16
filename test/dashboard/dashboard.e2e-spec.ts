import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { contractIdForAward } from '@spinout/workflow';
import { signToken } from '../../apps/api/src/auth/dev-token';
import type { Role } from '../../apps/api/src/auth/roles';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { eventually } from '../support/eventually';

/**
 * The dashboard as a person sees it, in Debian's Chromium: a small programme (two agencies'
 * units contracted to two providers, three months of SLA measurements with breaches, one
 * month invoiced) is created over HTTP, then the page is opened, a token pasted, and the
 * tables read. Expected scores, bands and money are computed here from the measurements, not
 * read from the API. Set DASHBOARD_SCREENSHOT=/some/file.png to keep a full-page screenshot.
 */
const SECRET = 'dashboard-test-secret-long-enough-for-hs256-0123456789';
const token = (subject: string, roles: Role[], ttlSeconds?: number) =>
  signToken({ subject, roles, secret: SECRET, issuer: 'spinout', ttlSeconds });
const as = (subject: string, ...roles: Role[]) => ({ Authorization: `Bearer ${token(subject, roles)}` });

interface Sla {
  slaId: string;
  weight: number;
  direction: 'higher_is_better' | 'lower_is_better';
  target: number;
  critical: number;
  creditPercent: number;
}
type Outcome = 'met' | 'breached' | 'critically_breached';

// The category templates' SLAs as a contract manager reads them in the contract.
const URGENT: Sla = {
  slaId: 'urgent-repair-response',
  weight: 2,
  direction: 'lower_is_better',
  target: 4,
  critical: 8,
  creditPercent: 3,
};
const ROUTINE: Sla = {
  slaId: 'routine-completion',
  weight: 1,
  direction: 'higher_is_better',
  target: 95,
  critical: 85,
  creditPercent: 2,
};
const MEALS: Sla = {
  slaId: 'meal-satisfaction',
  weight: 1,
  direction: 'higher_is_better',
  target: 8,
  critical: 6.5,
  creditPercent: 4,
};

const PERIOD = '2025-03';
const MONTHS = ['2025-01', '2025-02', PERIOD];
const PROPERTY = {
  provider: {
    name: 'Pearl River Property Services Co., Ltd.',
    creditCode: '91310000MA1FL4XQ3A',
    serviceCategories: ['property'],
  },
  unit: {
    agency: 'Provincial Finance Department',
    name: 'Office compound facilities',
    category: 'property',
    establishmentHeadcount: 12,
    annualCostBaseline: { amountMinor: 360_000_000 },
  },
  monthlyMinor: 25_000_000,
  measurements: { [URGENT.slaId]: [3.5, 5, 3], [ROUTINE.slaId]: [97, 96, 90] } as Record<string, number[]>,
  slas: [URGENT, ROUTINE],
};
const CANTEEN = {
  provider: { name: 'Jade Lake Catering Co., Ltd.', creditCode: '91110108MA01R2BC7D', serviceCategories: ['canteen'] },
  unit: {
    agency: 'Provincial Health Commission',
    name: 'Staff canteen',
    category: 'canteen',
    establishmentHeadcount: 10,
    annualCostBaseline: { amountMinor: 150_000_000 },
  },
  monthlyMinor: 12_345_600,
  measurements: { [MEALS.slaId]: [8.4, 8.1, 6.0] } as Record<string, number[]>,
  slas: [MEALS],
};
type Programme = typeof PROPERTY;

// What the dashboard should show, computed from the figures above.
function outcomeOf(sla: Sla, value: number): Outcome {
  const worse = (a: number, b: number) => (sla.direction === 'higher_is_better' ? a < b : a > b);
  return worse(value, sla.critical) ? 'critically_breached' : worse(value, sla.target) ? 'breached' : 'met';
}
const POINTS: Record<Outcome, number> = { met: 100, breached: 50, critically_breached: 0 };
function scoreOf(p: Programme, month: number): number {
  const weights = p.slas.reduce((sum, sla) => sum + sla.weight, 0);
  const points = p.slas.reduce(
    (sum, sla) => sum + sla.weight * POINTS[outcomeOf(sla, p.measurements[sla.slaId][month])],
    0,
  );
  return Math.round((points / weights) * 100) / 100;
}
/** The default scheme's grades (RATING_SCHEME=cn_performance), as the table shows them: Chinese, then English. */
const bandOf = (score: number) =>
  score >= 90 ? '优 Excellent' : score >= 80 ? '良 Good' : score >= 60 ? '中 Fair' : '差 Poor';
const creditOf = (p: Programme, month: number) =>
  p.slas.reduce(
    (sum, sla) =>
      sum +
      (outcomeOf(sla, p.measurements[sla.slaId][month]) === 'met' ? 0 : (p.monthlyMinor * sla.creditPercent) / 100),
    0,
  );
/** CNY with two decimals from integer minor units, by string arithmetic. */
function cny(minor: number): string {
  const digits = String(Math.abs(minor)).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${minor < 0 ? '−' : ''}CNY ${whole}.${digits.slice(-2)}`;
}

describe('dashboard in Chromium', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let origin: string;
  const ids = {
    property: { providerId: '', unitId: '', contractId: '' },
    canteen: { providerId: '', unitId: '', contractId: '' },
  };

  const office = as('li.office', 'reform_office');
  const approver = as('wang.approver', 'approver');
  const procurement = as('zhao.procurement', 'procurement');
  const contracts = as('sun.contracts', 'contract_manager');

  /** Registration to an active contract; the process managers draft it and start the transition. */
  async function contracted(p: Programme, key: string) {
    const providerId: string = (
      await t.http
        .post('/providers')
        .set(procurement)
        .send({ ...p.provider, contact: { email: 'ops@example.com' } })
        .expect(201)
    ).body.id;
    const unitId: string = (
      await t.http
        .post('/service-units')
        .set(office)
        .send({
          ...p.unit,
          assets: [{ assetId: 'A-01', description: 'Workshop equipment', bookValue: { amountMinor: 5_000_000 } }],
        })
        .expect(201)
    ).body.id;
    await t.http
      .post(`/service-units/${unitId}/plan`)
      .set(office)
      .send({
        mode: 'outsource',
        managementFunctionsKept: ['service oversight'],
        rationale: 'Separate the service from its management',
        targetAnnualCost: { amountMinor: 12 * p.monthlyMinor },
        targetDate: '2025-01-01',
      })
      .expect(201);
    await t.http.post(`/service-units/${unitId}/plan/approve`).set(approver).expect(200);
    await t.http
      .post(`/service-units/${unitId}/procurement`)
      .set(office)
      .send({
        procurementId: `ocds-spnout-${key}`,
        estimatedValue: { amountMinor: 36 * p.monthlyMinor },
        description: `${p.unit.name}, 3 years`,
      })
      .expect(201);
    await t.http
      .post(`/service-units/${unitId}/award`)
      .set(procurement)
      .send({
        procurementId: `ocds-spnout-${key}`,
        awardId: `award-${key}`,
        providerId,
        contractValue: { amountMinor: 36 * p.monthlyMinor },
        contractPeriod: { start: '2025-01-01', end: '2027-12-31' },
      })
      .expect(200);
    const contractId = contractIdForAward(unitId, `award-${key}`);
    await eventually(() => t.http.get(`/contracts/${contractId}`).set(contracts).expect(200));
    await t.http.post(`/contracts/${contractId}/sign`).set(contracts).expect(200);
    await t.http.post(`/contracts/${contractId}/activate`).set(contracts).expect(200);
    await eventually(async () =>
      expect((await t.http.get(`/service-units/${unitId}`).set(office)).body.stage).toBe('transition'),
    );
    for (const sla of p.slas) {
      for (const [i, value] of p.measurements[sla.slaId].entries()) {
        await t.http
          .post(`/contracts/${contractId}/measurements`)
          .set(contracts)
          .send({ slaId: sla.slaId, period: MONTHS[i], value })
          .expect(201);
      }
    }
    await t.http
      .post(`/contracts/${contractId}/invoices`)
      .set(contracts)
      .send({ invoiceId: `INV-${key}-${PERIOD}`, period: PERIOD, grossCharge: { amountMinor: p.monthlyMinor } })
      .expect(201);
    return { providerId, unitId, contractId };
  }

  beforeAll(async () => {
    t = await startTestApp('sqlite', { jwtSecret: SECRET });
    await t.app.listen(0, '127.0.0.1');
    origin = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');

    ids.property = await contracted(PROPERTY, 'fin-property');
    ids.canteen = await contracted(CANTEEN, 'health-canteen');
    // The property unit completes its transition; the canteen keeps an overdue handover milestone.
    const unit = ids.property.unitId;
    await t.http
      .post(`/service-units/${unit}/staff/outcome`)
      .set(office)
      .send({ transferred: 8, redeployed: 2, retired: 1, left: 1 })
      .expect(200);
    await t.http
      .post(`/service-units/${unit}/assets/A-01/handover`)
      .set(office)
      .send({ disposition: 'transferred', valueRealised: { amountMinor: 5_000_000 } })
      .expect(200);
    await t.http
      .post(`/service-units/${ids.canteen.unitId}/milestones`)
      .set(office)
      .send({
        milestoneId: 'kitchen-handover',
        kind: 'handover',
        title: 'Hand over the kitchen',
        dueDate: '2025-02-28',
      })
      .expect(201);
    // March of the property contract is approved and paid; the canteen's stays invoiced.
    const net = PROPERTY.monthlyMinor - creditOf(PROPERTY, 2);
    await t.http.post(`/contracts/${ids.property.contractId}/settlements/${PERIOD}/approve`).set(approver).expect(200);
    await t.http
      .post(`/contracts/${ids.property.contractId}/settlements/${PERIOD}/payments`)
      .set(contracts)
      .send({ amount: { amountMinor: net }, paymentRef: 'PAY-1' })
      .expect(201);

    // The projections follow the log: wait until every view the page reads has caught up.
    const viewer = as('view.er', 'viewer');
    await eventually(
      async () => {
        const cards = await t.http
          .get(`/views/provider-scorecards?periodFrom=${PERIOD}&periodTo=${PERIOD}`)
          .set(viewer)
          .expect(200);
        expect(cards.body.items).toHaveLength(2);
        const units = await t.http.get('/views/units?stage=outsourced').set(viewer).expect(200);
        expect(units.body.total).toBe(1);
        const paid = await t.http
          .get(`/views/settlements?status=paid&periodFrom=${PERIOD}`)
          .set(as('audit', 'auditor'))
          .expect(200);
        expect(paid.body.total).toBe(1);
      },
      { timeoutMs: 15_000 },
    );

    browser = await launchBrowser({ origin, viewport: { width: 1280, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function useToken(page: Page, jwt: string) {
    await page.getByLabel('Bearer token').fill(jwt);
    await page.getByRole('button', { name: 'Use token' }).click();
  }
  /** Every section rendered (the status line changes to "Updated …" once they all are). */
  const loaded = (page: Page) => page.locator('#status', { hasText: /^Updated/ }).waitFor();
  /** The error banner, once it says `text`. */
  async function refused(page: Page, text: RegExp): Promise<string> {
    const alert = page.getByRole('alert').filter({ hasText: text });
    await alert.waitFor();
    return alert.innerText();
  }
  const cells = async (page: Page, selector: string) =>
    Promise.all(
      (await page.locator(selector).all()).map(async (row) =>
        (await row.locator('th, td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim()),
      ),
    );

  it('shows scorecards, breaches, reform progress and, for a finance role, settlement totals', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/dashboard`);
    await expect(page.getByRole('heading', { name: 'Spinout dashboard' }).isVisible()).resolves.toBe(true);
    await useToken(page, token('view.er', ['viewer']));
    await loaded(page);

    // Scorecards of the latest scored month, ranked.
    await expect(page.locator('#period').inputValue()).resolves.toBe(PERIOD);
    const property = { score: scoreOf(PROPERTY, 2), previous: scoreOf(PROPERTY, 1), credit: creditOf(PROPERTY, 2) };
    const canteen = { score: scoreOf(CANTEEN, 2), previous: scoreOf(CANTEEN, 1), credit: creditOf(CANTEEN, 2) };
    expect([property.score, bandOf(property.score), canteen.score, bandOf(canteen.score)]).toEqual([
      83.33,
      '良 Good',
      0,
      '差 Poor',
    ]);
    const trend = (now: number, before: number) => {
      const delta = Math.round((now - before) * 100) / 100;
      return delta > 0 ? `▲ +${delta.toFixed(2)}` : `▼ −${Math.abs(delta).toFixed(2)}`;
    };
    expect(await cells(page, '#scorecard-table tbody tr')).toEqual([
      [
        '1 of 2',
        `${PROPERTY.provider.name} ${ids.property.providerId}`,
        property.score.toFixed(2),
        bandOf(property.score),
        trend(property.score, property.previous),
        '1',
        cny(property.credit),
        '1',
      ],
      [
        '2 of 2',
        `${CANTEEN.provider.name} ${ids.canteen.providerId}`,
        canteen.score.toFixed(2),
        bandOf(canteen.score),
        trend(canteen.score, canteen.previous),
        '1 (1 critical)',
        cny(canteen.credit),
        '1',
      ],
    ]);
    expect(
      await page.evaluate(
        '[...document.querySelectorAll("#scorecard-table .band")].map((b) => getComputedStyle(b).backgroundColor)',
      ),
    ).toEqual(['rgb(255, 241, 194)', 'rgb(255, 220, 224)']);

    // The section's rows as a CSV file, fetched with the token: a byte order mark, the page's language.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#scorecards button.csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`provider-scorecards-${PERIOD}.csv`);
    const file = readFileSync((await download.path()) as string, 'utf8');
    expect(file.charCodeAt(0)).toBe(0xfeff);
    const lines = file.slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['Provider id', 'Period', 'Score', 'Rating']);
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 4))).toEqual([
      [ids.property.providerId, PERIOD, property.score.toFixed(2), 'good'],
      [ids.canteen.providerId, PERIOD, String(canteen.score), 'poor'],
    ]);

    // Sorting by a column heading, with aria-sort saying how.
    const scoreHeading = page.locator('#scorecard-table thead th').nth(2);
    await scoreHeading.getByRole('button').click();
    await expect(scoreHeading.getAttribute('aria-sort')).resolves.toBe('ascending');
    expect((await cells(page, '#scorecard-table tbody tr')).map((row) => row[2])).toEqual(['0.00', '83.33']);
    await scoreHeading.getByRole('button').click();
    await expect(scoreHeading.getAttribute('aria-sort')).resolves.toBe('descending');
    expect((await cells(page, '#scorecard-table tbody tr')).map((row) => row[2])).toEqual(['83.33', '0.00']);

    // The period's breaches: the property contract's routine requests, the canteen's critical meal score.
    const breaches = await cells(page, '#breaches tbody tr');
    expect(breaches).toHaveLength(2);
    const routine = breaches.find((row) => row.includes(ROUTINE.slaId));
    const meals = breaches.find((row) => row.includes(MEALS.slaId));
    expect(routine).toEqual(
      expect.arrayContaining([
        expect.stringContaining(PROPERTY.provider.name),
        PROPERTY.unit.agency,
        'Breached',
        cny(property.credit),
      ]),
    );
    expect(meals).toEqual(
      expect.arrayContaining([
        expect.stringContaining(CANTEEN.provider.name),
        CANTEEN.unit.agency,
        'Critical breach',
        cny(canteen.credit),
      ]),
    );
    expect(meals?.join(' ')).toMatch(/6 \(target ≥ 8, critical < 6\.5\).*Open/);
    expect((await cells(page, '#breaches tfoot tr'))[0]).toContain(cny(property.credit + canteen.credit));

    // Reform progress per agency and category: savings = baseline − 12 × monthly charge.
    const progress = await cells(page, '#progress tbody tr');
    const savings = (p: Programme) => p.unit.annualCostBaseline.amountMinor - 12 * p.monthlyMinor;
    expect(progress).toEqual([
      [
        PROPERTY.unit.agency,
        'Property',
        '1',
        '1 outsourced',
        '12',
        '12 (8 / 2 / 1 / 1)',
        cny(360_000_000),
        cny(360_000_000),
        cny(12 * PROPERTY.monthlyMinor),
        cny(savings(PROPERTY)),
        '0',
      ],
      [
        CANTEEN.unit.agency,
        'Canteen',
        '1',
        '1 transition',
        '10',
        '0 (0 / 0 / 0 / 0)',
        cny(150_000_000),
        cny(150_000_000),
        cny(12 * CANTEEN.monthlyMinor),
        cny(savings(CANTEEN)),
        '1',
      ],
    ]);
    expect((await cells(page, '#progress tfoot tr'))[0]).toEqual(
      expect.arrayContaining([cny(savings(PROPERTY) + savings(CANTEEN)), cny(510_000_000)]),
    );

    // A viewer may not read settlements: the section says why, the rest of the page stands.
    await expect(page.locator('#settlements .section-error').innerText()).resolves.toMatch(
      /HTTP 403\): This action needs one of the roles: contract_manager, approver, auditor, reform_office/,
    );
    await expect(page.locator('#token-status').innerText()).resolves.toMatch(
      /^Token for view\.er \(viewer\), expires /,
    );

    // An auditor sees the month's settlements totalled in integers.
    await useToken(page, token('audit', ['auditor']));
    await loaded(page);
    const gross = PROPERTY.monthlyMinor + CANTEEN.monthlyMinor;
    const credits = property.credit + canteen.credit;
    expect(await cells(page, '#settlements tbody tr, #settlements tfoot tr')).toEqual([
      [
        'Invoiced',
        '1',
        cny(CANTEEN.monthlyMinor),
        cny(canteen.credit),
        cny(CANTEEN.monthlyMinor - canteen.credit),
        cny(0),
      ],
      [
        'Paid',
        '1',
        cny(PROPERTY.monthlyMinor),
        cny(property.credit),
        cny(PROPERTY.monthlyMinor - property.credit),
        cny(PROPERTY.monthlyMinor - property.credit),
      ],
      [
        'All settlements',
        '2',
        cny(gross),
        cny(credits),
        cny(gross - credits),
        cny(PROPERTY.monthlyMinor - property.credit),
      ],
    ]);
    expect(cny(gross - credits)).toBe('CNY 363,517.76');

    // Legible on a 1280-pixel laptop screen: every table fits without scrolling sideways, no stray values.
    expect(
      await page.evaluate('[...document.querySelectorAll(".table-wrap")].map((w) => w.scrollWidth - w.clientWidth)'),
    ).toEqual([0, 0, 0, 0]);
    expect(await page.locator('main').innerText()).not.toMatch(/\b(null|undefined|NaN)\b/);
    const screenshot = process.env.DASHBOARD_SCREENSHOT;
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    expect(browser.blocked).toEqual([]);
    expect(
      browser.pageErrors.filter(
        (message) => !/Failed to load resource: the server responded with a status of 403/.test(message),
      ),
    ).toEqual([]);
    await page.close();
  }, 30_000);

  it('says why a malformed, foreign or expired token is refused', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/dashboard`);

    await useToken(page, 'not-a-token');
    await expect(refused(page, /jwt malformed/)).resolves.toMatch(
      /^Unauthorized \(HTTP 401\): The bearer token is not valid: jwt malformed/,
    );
    await expect(page.locator('#dashboard').isHidden()).resolves.toBe(true);

    await useToken(
      page,
      signToken({
        subject: 'mallory',
        roles: ['admin'],
        secret: 'another-secret-that-is-long-enough-for-hs256-000',
        issuer: 'spinout',
      }),
    );
    await refused(page, /The bearer token is not valid: invalid signature/);

    await useToken(page, token('view.er', ['viewer'], -60));
    await expect(refused(page, /jwt expired/)).resolves.toMatch(
      /The bearer token is not valid: jwt expired\s+Paste a valid, unexpired token/,
    );
    await expect(page.locator('#token-status').innerText()).resolves.toMatch(/this token has expired/);
    const screenshot = process.env.DASHBOARD_SCREENSHOT;
    if (screenshot) await page.screenshot({ path: screenshot.replace(/(\.png)?$/, '-refused.png') });

    // A fresh token recovers without reloading; forgetting it hides the data again.
    await useToken(page, token('view.er', ['viewer']));
    await loaded(page);
    await expect(page.locator('#scorecard-table tbody tr').count()).resolves.toBe(2);
    await expect(page.getByRole('alert').isHidden()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Forget token' }).click();
    await expect(page.locator('#dashboard').isHidden()).resolves.toBe(true);
    await expect(page.locator('#token-status').innerText()).resolves.toBe('No token yet.');
    await page.close();
  }, 20_000);
});
