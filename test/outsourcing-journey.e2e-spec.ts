import { contractIdForAward } from '@spinout/workflow';
import { DIALECTS, startTestApp, type TestApp } from './support/app';
import { eventually } from './support/eventually';

/**
 * One unit's whole journey over HTTP, with the process managers running in the app:
 * registration → plan → procurement → award → contract drafted (process manager) → signed →
 * activated → transition (process manager) → staff and assets handed over → outsourced
 * (process manager) → a year of SLA measurements, a correction, a rectification plan, and
 * monthly settlements net of service credits, approved by a second person and paid.
 */
const MONTHLY = 10_000_000; // 100,000.00 CNY a month: 36 months for 3,600,000.00 CNY
const SATISFACTION = [8.5, 8.2, 7.5, 8.1, 6.0, 8.3, 8.0, 8.4, 7.9, 8.6, 8.8, 9.0]; // target ≥ 8, critical < 6.5
const MONTHS = SATISFACTION.map((_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

describe.each(DIALECTS)('outsourcing journey over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes a canteen from in-house to outsourced and settles a year of service net of credits', async () => {
    const office = t.as('li.office', 'reform_office');
    const approver = t.as('wang.approver', 'approver');
    const procurement = t.as('zhao.procurement', 'procurement');
    const contracts = t.as('sun.contracts', 'contract_manager');
    const finance = t.as('qian.finance', 'approver');

    const provider = await t.http
      .post('/providers')
      .set(procurement)
      .send({
        name: 'Pearl River Catering Co., Ltd.',
        creditCode: '91440300093677087R',
        serviceCategories: ['canteen'],
        contact: { email: 'ops@example.com' },
      })
      .expect(201);
    const providerId: string = provider.body.id;
    const unit = await t.http
      .post('/service-units')
      .set(office)
      .send({
        agency: 'Provincial Finance Department',
        name: 'Staff canteen',
        category: 'canteen',
        establishmentHeadcount: 10,
        annualCostBaseline: { amountMinor: 150_000_000 },
        assets: [
          { assetId: 'K-01', description: 'Kitchen line', bookValue: { amountMinor: 20_000_000 } },
          { assetId: 'V-01', description: 'Refrigerated van', bookValue: { amountMinor: 8_000_000 } },
        ],
      })
      .expect(201);
    const unitId: string = unit.body.id;

    await t.http
      .post(`/service-units/${unitId}/plan`)
      .set(office)
      .send({
        mode: 'outsource',
        managementFunctionsKept: ['food safety oversight'],
        rationale: 'Contract the service, keep oversight',
        targetAnnualCost: { amountMinor: 120_000_000 },
        targetDate: '2025-01-01',
      })
      .expect(201);
    await t.http.post(`/service-units/${unitId}/plan/approve`).set(approver).expect(200);
    await t.http
      .post(`/service-units/${unitId}/staff/plan`)
      .set(office)
      .send({ transferred: 7, redeployed: 2, retired: 1, left: 0 })
      .expect(200);
    await t.http
      .post(`/service-units/${unitId}/procurement`)
      .set(office)
      .send({
        procurementId: 'ocds-spnout-fin-001',
        estimatedValue: { amountMinor: 380_000_000 },
        description: 'Canteen services, 3 years',
      })
      .expect(201);
    await t.http
      .post(`/service-units/${unitId}/award`)
      .set(procurement)
      .send({
        procurementId: 'ocds-spnout-fin-001',
        awardId: 'award-fin-001',
        providerId,
        contractValue: { amountMinor: 36 * MONTHLY },
        contractPeriod: { start: '2025-01-01', end: '2027-12-31' },
      })
      .expect(200);

    // The award-to-contract process manager drafts the contract with the canteen SLA template.
    const contractId = contractIdForAward(unitId, 'award-fin-001');
    const draft = await eventually(() => t.http.get(`/contracts/${contractId}`).set(contracts).expect(200));
    expect(draft.body).toMatchObject({
      status: 'draft',
      unitId,
      providerId,
      monthlyCharge: { amountMinor: MONTHLY },
      period: { start: '2025-01-01', end: '2027-12-31' },
    });
    expect(draft.body.slas.map((sla: { slaId: string }) => sla.slaId)).toEqual(['meal-satisfaction']);

    await t.http.post(`/contracts/${contractId}/sign`).set(contracts).expect(200);
    await t.http.post(`/contracts/${contractId}/activate`).set(contracts).expect(200);

    // The activation-to-transition process manager moves the unit into transition.
    await eventually(async () =>
      expect((await t.http.get(`/service-units/${unitId}`).set(office)).body.stage).toBe('transition'),
    );
    await t.http
      .post(`/service-units/${unitId}/staff/outcome`)
      .set(office)
      .send({ transferred: 7, redeployed: 2, retired: 1, left: 0 })
      .expect(200);
    await t.http
      .post(`/service-units/${unitId}/assets/K-01/handover`)
      .set(office)
      .send({ disposition: 'leased', valueRealised: { amountMinor: 1_200_000 } })
      .expect(200);
    await t.http
      .post(`/service-units/${unitId}/assets/V-01/handover`)
      .set(office)
      .send({ disposition: 'disposed', method: 'auction', valueRealised: { amountMinor: 5_500_000 } })
      .expect(200);

    // The transition-completion process manager finishes the transition once staff and assets are done.
    const outsourced = await eventually(async () => {
      const res = await t.http.get(`/service-units/${unitId}`).set(office).expect(200);
      expect(res.body.stage).toBe('outsourced');
      return res;
    });
    expect(outsourced.body.contractId).toBe(contractId);

    for (const [i, value] of SATISFACTION.entries()) {
      await t.http
        .post(`/contracts/${contractId}/measurements`)
        .set(contracts)
        .send({ slaId: 'meal-satisfaction', period: MONTHS[i], value })
        .expect(201);
    }
    const duplicate = await t.http
      .post(`/contracts/${contractId}/measurements`)
      .set(contracts)
      .send({ slaId: 'meal-satisfaction', period: '2025-03', value: 8 })
      .expect(409);
    expect(duplicate.body.detail).toMatch(/correct/i);
    await t.http
      .post(`/contracts/${contractId}/measurements/corrections`)
      .set(contracts)
      .send({
        slaId: 'meal-satisfaction',
        period: '2025-03',
        value: 8.0,
        reason: 'Survey sheets from the annex were missed',
      })
      .expect(201);

    const afterMeasurements = await t.http.get(`/contracts/${contractId}`).set(contracts).expect(200);
    const rectification = afterMeasurements.body.rectifications['meal-satisfaction:2025-05'];
    expect(rectification).toMatchObject({ status: 'open', slaId: 'meal-satisfaction', period: '2025-05' });
    await t.http
      .post(`/contracts/${contractId}/rectifications/meal-satisfaction:2025-05/close`)
      .set(contracts)
      .send({ evidence: 'New head chef; June survey 8.3' })
      .expect(200);

    // Independently computed: a fixed 4 % of the monthly charge for each breached month (May critical, September breached; March corrected to met).
    const credit = (month: string) => (['2025-05', '2025-09'].includes(month) ? (MONTHLY * 4) / 100 : 0);
    for (const month of MONTHS) {
      await t.http
        .post(`/contracts/${contractId}/invoices`)
        .set(contracts)
        .send({ invoiceId: `INV-${month}`, period: month, grossCharge: { amountMinor: MONTHLY } })
        .expect(201);
      const selfApproval = await t.http
        .post(`/contracts/${contractId}/settlements/${month}/approve`)
        .set(t.as('sun.contracts', 'contract_manager', 'approver'))
        .expect(403);
      expect(selfApproval.body.code).toBe('segregation_of_duties');
      await t.http.post(`/contracts/${contractId}/settlements/${month}/approve`).set(finance).expect(200);
      await t.http
        .post(`/contracts/${contractId}/settlements/${month}/payments`)
        .set(contracts)
        .send({ amount: { amountMinor: MONTHLY - credit(month) }, paymentRef: `PAY-${month}` })
        .expect(201);
    }

    const settled = await t.http.get(`/contracts/${contractId}`).set(contracts).expect(200);
    const settlements = Object.values(settled.body.settlements) as Array<{
      period: string;
      status: string;
      credits: { amountMinor: number };
      net: { amountMinor: number };
    }>;
    expect(settlements).toHaveLength(12);
    for (const settlement of settlements) {
      expect(settlement.status).toBe('paid');
      expect(settlement.credits.amountMinor).toBe(credit(settlement.period));
      expect(settlement.net.amountMinor).toBe(MONTHLY - credit(settlement.period));
    }
    expect(settlements.reduce((sum, s) => sum + s.net.amountMinor, 0)).toBe(12 * MONTHLY - (2 * (MONTHLY * 4)) / 100);
    expect(settled.body.measurements['meal-satisfaction:2025-03']).toMatchObject({
      value: 8,
      outcome: 'met',
      corrected: true,
    });

    const history = await t.http.get(`/contracts/${contractId}/history`).set(t.as('audit', 'auditor')).expect(200);
    expect(history.body.events[0]).toMatchObject({ type: 'ContractDrafted', actor: 'system:pm-award-to-contract' });
    expect(
      history.body.events
        .filter((e: { type: string }) => e.type === 'SettlementApproved')
        .every((e: { actor: string }) => e.actor === 'qian.finance'),
    ).toBe(true);
  });
});
