import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { CE_TYPES, DEFAULT_TOPICS } from '@spinout/messaging';
import { contractIdForAward } from '@spinout/workflow';
import { eventually } from '../support/eventually';
import {
  AsyncApiChecker,
  registerProvider,
  sendTenderOutcome,
  startKafkaApp,
  TestBroker,
  testKafka,
  TopicRecorder,
  type KafkaTestApp,
  type ReceivedMessage,
} from '../support/kafka';

/**
 * One correlation id follows a command from HTTP to Kafka: the X-Correlation-Id of a request
 * (the caller's, or the one made for it) is answered back, stored with the events it causes and
 * published as the CloudEvents extension `ce_correlationid`; an inbound message's
 * `ce_correlationid` is stored with the events it causes, also those a process manager issues
 * in consequence.
 */
const broker = new TestBroker(19900);
const checker = new AsyncApiChecker();
let recorder: TopicRecorder;
let producer: Producer;
let t: KafkaTestApp;

beforeAll(async () => {
  const bootstrap = await broker.start();
  const kafka = testKafka(bootstrap);
  recorder = await new TopicRecorder(kafka, [
    DEFAULT_TOPICS.procurementRequests,
    DEFAULT_TOPICS.tenderOutcomes,
  ]).start();
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  t = await startKafkaApp('sqlite', [bootstrap]);
  await t.messaging.runtime.consumer.ready();
}, 120_000);

afterAll(async () => {
  await t?.close();
  await producer?.disconnect();
  await recorder?.stop();
  await broker.stop();
}, 60_000);

type HistoryEvent = { type: string; correlationId: string };

/** A canteen unit taken to procurement over HTTP; each request sends `correlationId` when given. */
async function procurementOverHttp(
  ocid: string,
  correlationId?: string,
): Promise<{ unitId: string; answered: string[] }> {
  const office = {
    ...t.as('li.office', 'reform_office'),
    ...(correlationId ? { 'X-Correlation-Id': correlationId } : {}),
  };
  const approver = {
    ...t.as('wang.approver', 'approver'),
    ...(correlationId ? { 'X-Correlation-Id': correlationId } : {}),
  };
  const unit = await t.http
    .post('/service-units')
    .set(office)
    .send({
      agency: 'Provincial Finance Department',
      name: `Canteen ${ocid}`,
      category: 'canteen',
      establishmentHeadcount: 4,
      annualCostBaseline: { amountMinor: 150_000_000 },
      assets: [],
    })
    .expect(201);
  const unitId: string = unit.body.id;
  const plan = await t.http
    .post(`/service-units/${unitId}/plan`)
    .set(office)
    .send({
      mode: 'outsource',
      managementFunctionsKept: ['oversight'],
      rationale: 'Contract the service',
      targetAnnualCost: { amountMinor: 120_000_000 },
      targetDate: '2025-01-01',
    })
    .expect(201);
  const approval = await t.http.post(`/service-units/${unitId}/plan/approve`).set(approver).expect(200);
  const procurement = await t.http
    .post(`/service-units/${unitId}/procurement`)
    .set(office)
    .send({
      procurementId: ocid,
      estimatedValue: { amountMinor: 380_000_000 },
      description: 'Canteen services, 3 years',
    })
    .expect(201);
  return {
    unitId,
    answered: [unit, plan, approval, procurement].map((response) => String(response.headers['x-correlation-id'])),
  };
}

async function history(path: string): Promise<HistoryEvent[]> {
  return (await t.http.get(`${path}/history`).set(t.as('audit', 'auditor')).expect(200)).body.events as HistoryEvent[];
}

async function published(unitId: string): Promise<ReceivedMessage> {
  return eventually(async () => {
    const found = recorder.on(DEFAULT_TOPICS.procurementRequests).find((message) => message.key === unitId);
    if (!found) throw new Error(`no procurement request for unit ${unitId} yet`);
    return found;
  });
}

it("sends the caller's X-Correlation-Id back, stores it with the events and publishes it as ce_correlationid", async () => {
  const correlationId = `chain-${randomUUID()}`;
  const { unitId, answered } = await procurementOverHttp(`ocds-spnout-cr-${randomUUID().slice(0, 8)}`, correlationId);
  expect(answered).toEqual([correlationId, correlationId, correlationId, correlationId]);
  expect((await history(`/service-units/${unitId}`)).map((event) => event.correlationId)).toEqual([
    correlationId,
    correlationId,
    correlationId,
    correlationId,
  ]);
  const message = await published(unitId);
  expect(message.headers.ce_correlationid).toBe(correlationId);
  expect(checker.problems(message)).toEqual([]);
});

it('makes a correlation id for a request that sends none, and that one travels the same way', async () => {
  const { unitId, answered } = await procurementOverHttp(`ocds-spnout-cg-${randomUUID().slice(0, 8)}`);
  for (const id of answered)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const requested = answered[3];
  const events = await history(`/service-units/${unitId}`);
  expect(events.map((event) => event.correlationId)).toEqual(answered);
  expect((await published(unitId)).headers.ce_correlationid).toBe(requested);
});

it("stores an inbound message's ce_correlationid with the events it causes, and with those a process manager issues after them", async () => {
  const ocid = `ocds-spnout-ci-${randomUUID().slice(0, 8)}`;
  const providerId = await registerProvider(t);
  const { unitId } = await procurementOverHttp(ocid);
  const correlationId = `procurement-${randomUUID()}`;
  const award = {
    unitId,
    ocid,
    awardId: `award-${ocid}`,
    providerId,
    value: { amountMinor: 360_000_000, currency: 'CNY' },
    contractPeriod: { start: '2026-01-01', end: '2028-12-31' },
  };
  await sendTenderOutcome(producer, DEFAULT_TOPICS.tenderOutcomes, {
    id: randomUUID(),
    type: CE_TYPES.awardDecided,
    body: award,
    headers: { ce_correlationid: correlationId },
  });

  const recorded = await eventually(async () => {
    const found = (await history(`/service-units/${unitId}`)).find((event) => event.type === 'AwardRecorded');
    if (!found) throw new Error('the award is not recorded yet');
    return found;
  });
  expect(recorded.correlationId).toBe(correlationId);
  const contract = await eventually(() => history(`/contracts/${contractIdForAward(unitId, award.awardId)}`));
  expect(contract.map((event) => event.correlationId)).toEqual(contract.map(() => correlationId));
});
