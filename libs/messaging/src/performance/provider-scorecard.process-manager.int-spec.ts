import {
  contractDecider,
  providerScorecardStreamId,
  streamIdOf,
  type ContractCommand,
  type ProviderScorecardPublished,
} from '@spinout/domain';
import { ProcessorHost, runCommand, SqlEventStore } from '@spinout/event-store';
import { AVAILABILITY, draftData, RESPONSE } from '../../../domain/src/contract/contract.fixtures';
import { DATABASES, type OpenedDatabase } from '../../../event-store/test/databases';
import { eventually } from '../../../../test/support/eventually';
import { MESSAGING_MIGRATIONS } from '../migrations';
import { providerScorecardPublisher, SCORECARD_PUBLISHER } from './provider-scorecard.process-manager';

const PROVIDER = 'provider-pearl-river';
const AT = '2025-06-05T09:00:00.000Z';

describe.each(DATABASES)('provider scorecard process manager on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;
  let host: ProcessorHost;

  beforeAll(async () => {
    opened = await kind.open({ migrations: MESSAGING_MIGRATIONS });
    store = new SqlEventStore(opened.db);
    host = new ProcessorHost({
      db: opened.db,
      store,
      processors: [providerScorecardPublisher(store)],
      pollIntervalMs: 20,
    });
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

  async function activeContract(contractId: string, unitId: string): Promise<void> {
    await run(contractId, 'DraftContract', { ...draftData({ contractId, unitId, providerId: PROVIDER }) });
    await run(contractId, 'SignContract', { providerEligible: true });
    await run(contractId, 'ActivateContract', {});
  }

  async function settle(contractId: string, period: string): Promise<void> {
    await run(contractId, 'RecordInvoice', {
      invoiceId: `INV-${contractId}-${period}`,
      period,
      grossCharge: { amountMinor: 1_000_000, currency: 'CNY' },
    });
    await run(contractId, 'ApproveSettlement', { period }, 'user:finance-approver');
  }

  const published = async () =>
    (await store.readStream(providerScorecardStreamId(PROVIDER, '2025-05'))).map((event) => ({
      eventId: event.eventId,
      data: event.data as ProviderScorecardPublished['data'],
    }));

  it('publishes a revision per settlement approval, covering every contract of the provider measured that month, and a replay adds none', async () => {
    await activeContract('contract-a', 'unit-a');
    await activeContract('contract-b', 'unit-b');
    // Contract A: availability (weight 2) met, response (weight 1) breached → (200 + 50) / 3 = 83.33.
    await run('contract-a', 'RecordMeasurement', { slaId: AVAILABILITY.slaId, period: '2025-05', value: 97 });
    await run('contract-a', 'RecordMeasurement', { slaId: RESPONSE.slaId, period: '2025-05', value: 6 });
    await settle('contract-a', '2025-05');
    host.start();
    await eventually(async () => expect(await published()).toHaveLength(1));

    // Contract B: availability critically breached → all three: (2×100 + 1×50 + 2×0) / 5 = 50.
    await run('contract-b', 'RecordMeasurement', { slaId: AVAILABILITY.slaId, period: '2025-05', value: 85 });
    await settle('contract-b', '2025-05');
    await eventually(async () => expect(await published()).toHaveLength(2));

    const [first, second] = await published();
    expect(first.data).toMatchObject({
      revision: 1,
      score: 83.33,
      rating: 'good',
      ratingScheme: 'cn_performance',
      contracts: 1,
      measurements: 2,
      breaches: 1,
      basedOn: { contractId: 'contract-a' },
    });
    expect(second.data).toMatchObject({
      revision: 2,
      score: 50,
      rating: 'poor',
      ratingScheme: 'cn_performance',
      contracts: 2,
      measurements: 3,
      breaches: 2,
      criticalBreaches: 1,
      contractScores: [
        { contractId: 'contract-a', score: 83.33, measurements: 2 },
        { contractId: 'contract-b', score: 0, measurements: 1 },
      ],
    });

    // From position zero again, as after losing the checkpoint: the same approvals, no new revision.
    const rebuilt = await host.rebuild(SCORECARD_PUBLISHER);
    expect(rebuilt).toMatchObject({ handled: expect.any(Number), parked: 0 });
    expect((await published()).map((event) => event.eventId)).toEqual([first.eventId, second.eventId]);
  });
});
