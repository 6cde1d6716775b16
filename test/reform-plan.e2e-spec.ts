import { DIALECTS, startTestApp, type TestApp } from './support/app';

const UNIT = {
  agency: 'Municipal Government Offices Administration',
  name: 'Headquarters canteen',
  category: 'canteen',
  establishmentHeadcount: 24,
  annualCostBaseline: { amountMinor: 480_000_000, currency: 'CNY' },
  assets: [
    { assetId: 'K-01', description: 'Central kitchen equipment', bookValue: { amountMinor: 35_000_000 } },
    { assetId: 'V-07', description: 'Delivery van', bookValue: { amountMinor: 9_000_000 } },
  ],
};
const PLAN = {
  mode: 'outsource',
  managementFunctionsKept: ['menu standards', 'food safety oversight'],
  rationale: 'Separate the service function from management; a contracted caterer at lower cost',
  targetAnnualCost: { amountMinor: 400_000_000 },
  targetDate: '2027-06-30',
};
const PROVIDER = {
  name: 'Shenzhen Catering Services Co., Ltd.',
  creditCode: '91440300093677087R',
  serviceCategories: ['canteen'],
  contact: { email: 'bids@example.com' },
};

describe.each(DIALECTS)('reform plan workflow over HTTP on %s', (dialect) => {
  let t: TestApp;
  const office = () => t.as('li.office', 'reform_office');
  const approver = () => t.as('wang.approver', 'approver');
  const procurement = () => t.as('zhao.procurement', 'procurement');
  const auditor = () => t.as('chen.audit', 'auditor');

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  async function registerUnit(): Promise<string> {
    const res = await t.http.post('/service-units').set(office()).send(UNIT).expect(201);
    expect(res.headers.location).toBe(`/service-units/${res.body.id}`);
    return res.body.id as string;
  }

  it('takes a unit from registration through an approved plan to procurement, with an audit trail', async () => {
    const id = await registerUnit();
    await t.http.post(`/service-units/${id}/plan`).set(office()).send(PLAN).expect(201).expect('ETag', '"2"');

    const selfApproval = await t.http
      .post(`/service-units/${id}/plan/approve`)
      .set(t.as('li.office', 'reform_office', 'approver'))
      .expect(403);
    expect(selfApproval.body.code).toBe('segregation_of_duties');

    await t.http.post(`/service-units/${id}/plan/approve`).set(approver()).expect(200).expect('ETag', '"3"');
    await t.http
      .post(`/service-units/${id}/milestones`)
      .set(office())
      .send({ milestoneId: 'tender', kind: 'tender', title: 'Publish the tender', dueDate: '2027-02-01' })
      .expect(201);
    await t.http
      .post(`/service-units/${id}/procurement`)
      .set(office())
      .send({
        procurementId: 'ocds-spnout-hq-0001',
        estimatedValue: { amountMinor: 1_200_000_000 },
        description: 'Catering for HQ, 3 years',
      })
      .expect(201);

    const unit = await t.http
      .get(`/service-units/${id}`)
      .set(t.as('viewer', 'viewer'))
      .expect(200)
      .expect('ETag', '"5"');
    expect(unit.body).toMatchObject({
      id,
      version: 5,
      stage: 'procurement',
      agency: UNIT.agency,
      establishmentHeadcount: 24,
    });
    expect(unit.body.plan).toMatchObject({ status: 'approved', mode: 'outsource' });

    const history = await t.http.get(`/service-units/${id}/history`).set(auditor()).expect(200);
    expect(history.body).toMatchObject({ id, version: 5, verified: true });
    expect(history.body.findings).toBeUndefined();
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ServiceUnitRegistered',
      'ReformPlanProposed',
      'ReformPlanApproved',
      'MilestoneScheduled',
      'ProcurementRequested',
    ]);
    expect(history.body.events.map((e: { actor: string }) => e.actor)).toEqual([
      'li.office',
      'li.office',
      'wang.approver',
      'li.office',
      'li.office',
    ]);
    expect(history.body.events[0]).toMatchObject({
      version: 1,
      occurredAt: expect.any(String),
      correlationId: expect.any(String),
    });
  });

  it('records who rejected a plan and why, and lets the office revise it', async () => {
    const id = await registerUnit();
    await t.http.post(`/service-units/${id}/plan`).set(office()).send(PLAN).expect(201);
    const noReason = await t.http.post(`/service-units/${id}/plan/reject`).set(approver()).send({}).expect(400);
    expect(noReason.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    await t.http
      .post(`/service-units/${id}/plan/reject`)
      .set(approver())
      .send({ reason: 'Savings estimate is not evidenced' })
      .expect(200);
    await t.http
      .post(`/service-units/${id}/plan/revise`)
      .set(office())
      .send({ ...PLAN, rationale: 'Market sounding attached' })
      .expect(200);

    const history = await t.http.get(`/service-units/${id}/history`).set(auditor()).expect(200);
    const rejection = history.body.events.find((e: { type: string }) => e.type === 'ReformPlanRejected');
    expect(rejection).toMatchObject({ actor: 'wang.approver', reason: 'Savings estimate is not evidenced' });
    const unit = await t.http.get(`/service-units/${id}`).set(office()).expect(200);
    expect(unit.body).toMatchObject({
      stage: 'plan_proposed',
      plan: { status: 'proposed', rationale: 'Market sounding attached' },
    });
  });

  it('refuses an illegal transition with a reason', async () => {
    const id = await registerUnit();
    const res = await t.http.post(`/service-units/${id}/plan/approve`).set(approver()).expect(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/in_house/);
  });

  it('answers 400 with field details, 401 without a token, 403 for a wrong role and 404 for an unknown unit', async () => {
    const bad = await t.http
      .post('/service-units')
      .set(office())
      .send({ ...UNIT, establishmentHeadcount: -1, annualCostBaseline: { amountMinor: 10.5, currency: 'yuan' } })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'annualCostBaseline.amountMinor',
      'annualCostBaseline.currency',
      'establishmentHeadcount',
    ]);
    await t.http.post('/service-units').send(UNIT).expect(401);
    await t.http.post('/service-units').set(t.as('v', 'viewer')).send(UNIT).expect(403);
    const missing = await t.http.get('/service-units/8b0f5d64-7b8b-4e8e-9a59-3c2c8f1d2b11').set(office()).expect(404);
    expect(missing.body.code).toBe('service_unit_not_found');
    await t.http.post('/service-units/8b0f5d64-7b8b-4e8e-9a59-3c2c8f1d2b11/plan').set(office()).send(PLAN).expect(404);
  });

  it('honours If-Match: a stale version gets 412, the current one succeeds', async () => {
    const id = await registerUnit();
    const stale = await t.http
      .post(`/service-units/${id}/plan`)
      .set(office())
      .set('If-Match', '"7"')
      .send(PLAN)
      .expect(412);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 1 });
    await t.http
      .post(`/service-units/${id}/plan`)
      .set(office())
      .set('If-Match', '"1"')
      .send(PLAN)
      .expect(201)
      .expect('ETag', '"2"');
  });

  it('replays the first response for a retried Idempotency-Key without appending again', async () => {
    const first = await t.http
      .post('/service-units')
      .set(office())
      .set('Idempotency-Key', 'register-hq-canteen')
      .send(UNIT)
      .expect(201);
    const retry = await t.http
      .post('/service-units')
      .set(office())
      .set('Idempotency-Key', 'register-hq-canteen')
      .send(UNIT)
      .expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    const reused = await t.http
      .post('/service-units')
      .set(office())
      .set('Idempotency-Key', 'register-hq-canteen')
      .send({ ...UNIT, name: 'Other' })
      .expect(422);
    expect(reused.body.code).toBe('idempotency_key_reused');

    const id = first.body.id as string;
    await t.http
      .post(`/service-units/${id}/plan`)
      .set(office())
      .set('Idempotency-Key', 'plan-1')
      .send(PLAN)
      .expect(201);
    await t.http
      .post(`/service-units/${id}/plan`)
      .set(office())
      .set('Idempotency-Key', 'plan-1')
      .send(PLAN)
      .expect(201);
    const history = await t.http.get(`/service-units/${id}/history`).set(auditor()).expect(200);
    expect(history.body.events).toHaveLength(2);
  });

  it('validates credit codes, and refuses awards to suspended or debarred providers', async () => {
    const wrong = await t.http
      .post('/providers')
      .set(procurement())
      .send({ ...PROVIDER, creditCode: '91440300093677087X' })
      .expect(400);
    expect(wrong.body).toMatchObject({ code: 'credit_code_check_mismatch', expected: 'R' });
    expect(wrong.body.detail).toContain('should be R');
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'creditCode' })]);

    const provider = await t.http.post('/providers').set(procurement()).send(PROVIDER).expect(201);
    const providerId = provider.body.id as string;
    const again = await t.http
      .post('/providers')
      .set(procurement())
      .send({ ...PROVIDER, creditCode: PROVIDER.creditCode.toLowerCase() })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'credit_code_taken', providerId });
    await t.http
      .post(`/providers/${providerId}/suspend`)
      .set(procurement())
      .send({ until: '2099-12-31', reason: 'Food safety inspection failed' })
      .expect(200);

    const id = await registerUnit();
    await t.http.post(`/service-units/${id}/plan`).set(office()).send(PLAN).expect(201);
    await t.http.post(`/service-units/${id}/plan/approve`).set(approver()).expect(200);
    await t.http
      .post(`/service-units/${id}/procurement`)
      .set(office())
      .send({
        procurementId: 'ocds-spnout-hq-0002',
        estimatedValue: { amountMinor: 900_000_000 },
        description: 'Catering',
      })
      .expect(201);
    const award = {
      procurementId: 'ocds-spnout-hq-0002',
      awardId: 'award-1',
      providerId,
      contractValue: { amountMinor: 850_000_000 },
    };
    const refused = await t.http.post(`/service-units/${id}/award`).set(procurement()).send(award).expect(409);
    expect(refused.body).toMatchObject({ code: 'provider_not_eligible' });
    expect(refused.body.detail).toContain('suspended until 2099-12-31');

    await t.http
      .post(`/providers/${providerId}/reinstate`)
      .set(procurement())
      .send({ reason: 'Re-inspection passed' })
      .expect(200);
    await t.http.post(`/service-units/${id}/award`).set(procurement()).send(award).expect(200);
    const unit = await t.http.get(`/service-units/${id}`).set(office()).expect(200);
    expect(unit.body.stage).toBe('awarded');

    await t.http
      .post(`/providers/${providerId}/debar`)
      .set(procurement())
      .send({ reason: 'Bribery conviction' })
      .expect(200);
    const debarred = await t.http.get(`/providers/${providerId}`).set(office()).expect(200);
    expect(debarred.body.status).toBe('debarred');
    await t.http.post(`/providers/${providerId}/reinstate`).set(procurement()).send({ reason: 'Appeal' }).expect(409);
  });

  it('serves health (up or down, nothing more) and the OpenAPI document without a token; details need a role', async () => {
    const health = await t.http.get('/health').expect(200);
    expect(health.body).toEqual({ status: 'up' });
    await t.http.get('/health/details').expect(401);
    await t.http.get('/health/details').set(t.as('dash', 'viewer')).expect(403);
    await t.http.get('/metrics').expect(401);
    const details = await t.http.get('/health/details').set(t.as('ops', 'operator')).expect(200);
    expect(details.body).toMatchObject({ status: 'ok', database: { dialect, up: true } });
    const docs = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/service-units', '/service-units/{id}/plan/approve', '/providers']),
    );
  });
});
