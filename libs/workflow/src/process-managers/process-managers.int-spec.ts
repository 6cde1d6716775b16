import { narrowEvent, ProcessorHost, runCommand, SqlEventStore } from '@spinout/event-store';
import {
  contractDecider,
  providerDecider,
  serviceUnitDecider,
  streamIdOf,
  type CommandBody,
  type ContractCommand,
  type ContractDrafted,
  type ServiceUnitCommand,
} from '@spinout/domain';
import { DATABASES, type OpenedDatabase } from '../../../event-store/test/databases';
import { eventually } from '../../../../test/support/eventually';
import { contractIdForAward, workflowProcessManagers } from './workflow.process-managers';

const AT = '2026-03-02T09:00:00Z';
const meta = (actor: string) => ({ actor, correlationId: 'c-1', occurredAt: AT });

describe.each(DATABASES)('workflow process managers on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;
  const hosts: ProcessorHost[] = [];
  const host = () => {
    const created = new ProcessorHost({
      db: opened.db,
      store,
      processors: workflowProcessManagers(store),
      pollIntervalMs: 20,
    });
    hosts.push(created);
    return created;
  };

  beforeAll(async () => {
    opened = await kind.open();
    store = new SqlEventStore(opened.db);
  });
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.stop()));
  });
  afterAll(async () => {
    await opened.dispose();
  });

  async function awardedUnit(unitId: string): Promise<void> {
    const run = (stream: string, body: CommandBody<ServiceUnitCommand>, actor: string) =>
      runCommand({
        store,
        decider: serviceUnitDecider,
        streamId: stream,
        command: { ...body, actor, at: AT },
        metadata: meta(actor),
      });
    const unit = streamIdOf('serviceUnit', unitId);
    await runCommand({
      store,
      decider: providerDecider,
      streamId: streamIdOf('provider', `p-${unitId}`),
      metadata: meta('proc'),
      command: {
        type: 'RegisterProvider',
        actor: 'proc',
        at: AT,
        data: {
          providerId: `p-${unitId}`,
          name: 'Clean Co',
          creditCode: '91440300093677087R',
          serviceCategories: ['cleaning'],
          contact: {},
        },
      },
    });
    await run(
      unit,
      {
        type: 'RegisterServiceUnit',
        data: {
          unitId,
          agency: 'Agency A',
          name: 'Cleaning',
          category: 'cleaning',
          establishmentHeadcount: 4,
          annualCostBaseline: { amountMinor: 100_000, currency: 'CNY' },
          assets: [],
        },
      },
      'office',
    );
    await run(
      unit,
      {
        type: 'ProposeReformPlan',
        data: {
          mode: 'outsource',
          managementFunctionsKept: [],
          rationale: 'r',
          targetAnnualCost: { amountMinor: 90_000, currency: 'CNY' },
          targetDate: '2026-12-31',
        },
      },
      'office',
    );
    await run(unit, { type: 'ApproveReformPlan', data: {} }, 'approver');
    await run(
      unit,
      {
        type: 'RequestProcurement',
        data: {
          procurementId: 'ocds-abcdef-1',
          estimatedValue: { amountMinor: 3_600_000, currency: 'CNY' },
          description: 'd',
        },
      },
      'office',
    );
    await run(
      unit,
      {
        type: 'RecordAward',
        data: {
          procurementId: 'ocds-abcdef-1',
          awardId: 'a-1',
          providerId: `p-${unitId}`,
          contractValue: { amountMinor: 3_600_000, currency: 'CNY' },
        },
      },
      'proc',
    );
  }

  it('drafts one contract per award, with the trigger as causation, even when the log is replayed after a crash', async () => {
    await awardedUnit('u-1');
    const contractStream = streamIdOf('contract', contractIdForAward('u-1', 'a-1'));
    const first = host();
    first.start();
    const drafted = await eventually(async () => {
      const events = await store.readStream(contractStream);
      expect(events).toHaveLength(1);
      return narrowEvent<ContractDrafted>(events[0], ['ContractDrafted']);
    });
    const award = (await store.readStream(streamIdOf('serviceUnit', 'u-1'))).find((e) => e.type === 'AwardRecorded')!;
    expect(drafted.metadata).toMatchObject({
      actor: 'system:pm-award-to-contract',
      causationId: award.eventId,
      correlationId: 'c-1',
    });
    expect(drafted.data).toMatchObject({
      period: { start: '2026-04-01', end: '2029-03-31' },
      monthlyCharge: { amountMinor: 100_000 },
    });
    expect(drafted.data.slas).toHaveLength(1);
    await first.stop();

    // A crash after the append but before the checkpoint: the next run sees the award again.
    await opened.db.query("DELETE FROM processor_checkpoints WHERE name = 'pm-award-to-contract'");
    const second = host();
    second.start();
    await eventually(async () => {
      const [status] = (await second.statuses()).filter((s) => s.name === 'pm-award-to-contract');
      expect(status.lag).toBe(0);
      expect(status.parked).toBe(0);
    });
    expect(await store.readStream(contractStream)).toHaveLength(1);
  });

  it('moves the unit into transition when its contract is activated, and reopens it when the contract is terminated', async () => {
    await awardedUnit('u-2');
    const contractId = contractIdForAward('u-2', 'a-1');
    const contract = streamIdOf('contract', contractId);
    const unit = streamIdOf('serviceUnit', 'u-2');
    const running = host();
    running.start();
    await eventually(async () => expect(await store.readStream(contract)).toHaveLength(1));
    const send = (body: CommandBody<ContractCommand>, actor = 'manager') =>
      runCommand({
        store,
        decider: contractDecider,
        streamId: contract,
        command: { ...body, actor, at: AT },
        metadata: meta(actor),
      });
    await send({ type: 'SignContract', data: { contractId, providerEligible: true } });
    await send({ type: 'ActivateContract', data: { contractId } });
    await eventually(async () =>
      expect((await store.readStream(unit)).map((e) => e.type)).toContain('TransitionStarted'),
    );
    await send({
      type: 'TerminateContract',
      data: { contractId, reason: 'convenience', detail: 'Budget cut', unitRoute: 'insource' },
    });
    const reopened = await eventually(async () => {
      const event = (await store.readStream(unit)).find((e) => e.type === 'ServiceUnitReopened');
      expect(event).toBeDefined();
      return event!;
    });
    expect(reopened.data).toMatchObject({ contractId, route: 'insource' });
  });
});
