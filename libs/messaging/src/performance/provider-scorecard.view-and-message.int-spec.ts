import {
  contractDecider,
  providerScorecardStreamId,
  streamIdOf,
  type ContractCommand,
  type SlaDefinition,
} from '@spinout/domain';
import { ProcessorHost, runCommand, SqlEventStore, type StoredEvent } from '@spinout/event-store';
import {
  PROJECTION_ENTITIES,
  PROJECTION_MIGRATIONS,
  ProviderScorecardsProcessor,
  ProviderScorecardsQuery,
  type ScorecardView,
} from '@spinout/projections';
import { AVAILABILITY, draftData, RESPONSE } from '../../../domain/src/contract/contract.fixtures';
import { DATABASES, type OpenedDatabase } from '../../../event-store/test/databases';
import { eventually } from '../../../../test/support/eventually';
import type { ProviderScorecardPublishedV1 } from '../integration/payloads.v1';
import { MESSAGING_MIGRATIONS } from '../migrations';
import { OutboundMapper } from '../outbound/outbound-mapper';
import { DEFAULT_TOPICS } from '../topics';
import { providerScorecardPublisher } from './provider-scorecard.process-manager';

const PROVIDER = 'provider-fractional';
const PERIOD = '2025-05';
const AT = '2025-06-05T09:00:00.000Z';
const CLEANING: SlaDefinition = {
  ...AVAILABILITY,
  slaId: 'cleaning-quality',
  title: 'Cleaning quality',
  metric: 'share of inspections passed',
};

/**
 * The scorecard view (a projection keeping running totals) and the scorecard the relay publishes
 * on Kafka (computed from the contracts at the approval) are two computations of one score. With
 * fractional weights their binary sums used to differ in the last bit and round apart (46.87 in
 * the view, 46.88 in the message); both now go through the domain's weighted score.
 */
describe.each(DATABASES)('provider scorecard view and published message on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;
  let host: ProcessorHost;
  let view: ProviderScorecardsQuery;

  beforeAll(async () => {
    opened = await kind.open({
      entities: PROJECTION_ENTITIES,
      migrations: [...PROJECTION_MIGRATIONS, ...MESSAGING_MIGRATIONS],
    });
    store = new SqlEventStore(opened.db);
    host = new ProcessorHost({
      db: opened.db,
      store,
      processors: [providerScorecardPublisher(store), new ProviderScorecardsProcessor()],
      pollIntervalMs: 20,
    });
    view = new ProviderScorecardsQuery(opened.db);
  });
  afterAll(async () => {
    await host.stop();
    await opened.dispose();
  });

  const run = (contractId: string, type: ContractCommand['type'], data: object, actor = 'user:contract-manager') =>
    runCommand({
      store,
      decider: contractDecider,
      streamId: streamIdOf('contract', contractId),
      metadata: { actor, correlationId: 'c-1', occurredAt: AT },
      command: { type, data: { contractId, ...data }, actor, at: AT } as ContractCommand,
    });

  async function activeContract(contractId: string, slas: SlaDefinition[]): Promise<void> {
    await run(contractId, 'DraftContract', {
      ...draftData({ contractId, unitId: `unit-${contractId}`, providerId: PROVIDER, slas }),
    });
    await run(contractId, 'SignContract', { providerEligible: true });
    await run(contractId, 'ActivateContract', {});
  }

  async function settle(contractId: string): Promise<void> {
    await run(contractId, 'RecordInvoice', {
      invoiceId: `INV-${contractId}-${PERIOD}`,
      period: PERIOD,
      grossCharge: { amountMinor: 1_000_000, currency: 'CNY' },
    });
    await run(contractId, 'ApproveSettlement', { period: PERIOD }, 'user:finance-approver');
  }

  const mapper = () => new OutboundMapper(store, DEFAULT_TOPICS);
  /** Every revision as the relay sends it: the message's JSON value, parsed back. */
  async function messages(): Promise<ProviderScorecardPublishedV1[]> {
    const events: StoredEvent[] = await store.readStream(providerScorecardStreamId(PROVIDER, PERIOD));
    const out: ProviderScorecardPublishedV1[] = [];
    for (const event of events) {
      const message = await mapper().map(event);
      if (message !== null) out.push(JSON.parse(JSON.stringify(message.payload)) as ProviderScorecardPublishedV1);
    }
    return out;
  }
  /** The view's row once it has folded `measurements` measurements. */
  async function viewOf(measurements: number): Promise<ScorecardView> {
    const row = await view.get(PROVIDER, PERIOD);
    if (row?.measurements !== measurements)
      throw new Error(`the view has ${row?.measurements ?? 'no'} measurements, waiting for ${measurements}`);
    return row;
  }

  it('agree on the score of fractional weights, half-up, revision after revision', async () => {
    // Contract A: 0.1 met, 20.8 breached (first recorded met, then corrected), 1.5 critical → 1050 / 22.4 = 46.875.
    await activeContract('contract-a', [
      { ...AVAILABILITY, weight: 0.1 },
      { ...RESPONSE, weight: 20.8 },
      { ...CLEANING, weight: 1.5 },
    ]);
    await run('contract-a', 'RecordMeasurement', { slaId: AVAILABILITY.slaId, period: PERIOD, value: 97 });
    await run('contract-a', 'RecordMeasurement', { slaId: RESPONSE.slaId, period: PERIOD, value: 3 });
    await run('contract-a', 'RecordMeasurement', { slaId: CLEANING.slaId, period: PERIOD, value: 85 });
    await run('contract-a', 'CorrectMeasurement', {
      slaId: RESPONSE.slaId,
      period: PERIOD,
      value: 6,
      reason: 'Response log re-read',
    });
    await settle('contract-a');
    host.start();
    await eventually(async () => expect(await messages()).toHaveLength(1));
    const [first] = await messages();
    const firstView = await eventually(() => viewOf(3));
    expect(first).toMatchObject({
      revision: 1,
      score: 46.88,
      rating: 'inadequate',
      grade: { scheme: 'cn_performance', code: 'poor' },
      contractScores: [{ contractId: 'contract-a', score: 46.88, measurements: 3 }],
    });
    expect(firstView).toMatchObject({ score: 46.88, rating: 'poor', weightTotal: 22.4, weightedPoints: 1050 });
    expectAgreement(firstView, first);

    // Contract B of the same provider: 32 met → (1050 + 3200) / 54.4 = 78.125.
    await activeContract('contract-b', [{ ...AVAILABILITY, weight: 32 }]);
    await run('contract-b', 'RecordMeasurement', { slaId: AVAILABILITY.slaId, period: PERIOD, value: 99 });
    await settle('contract-b');
    await eventually(async () => expect(await messages()).toHaveLength(2));
    const second = (await messages())[1];
    const secondView = await eventually(() => viewOf(4));
    expect(second).toMatchObject({
      revision: 2,
      score: 78.13,
      rating: 'approaching_target',
      grade: { scheme: 'cn_performance', code: 'fair' },
      contracts: 2,
    });
    expect(secondView).toMatchObject({ score: 78.13, weightTotal: 54.4, weightedPoints: 4250 });
    expectAgreement(secondView, second);
  });
});

function expectAgreement(row: ScorecardView, message: ProviderScorecardPublishedV1): void {
  expect({
    score: row.score,
    grade: { scheme: row.ratingScheme, code: row.rating },
    measurements: row.measurements,
    contracts: row.contracts,
    breaches: row.breaches,
    criticalBreaches: row.criticalBreaches,
    serviceCredits: row.currency === null ? [] : [{ amountMinor: row.creditsMinor, currency: row.currency }],
  }).toEqual({
    score: message.score,
    grade: message.grade,
    measurements: message.measurements,
    contracts: message.contracts,
    breaches: message.breaches,
    criticalBreaches: message.criticalBreaches,
    serviceCredits: message.serviceCredits,
  });
}
