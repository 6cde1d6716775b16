import { serviceUnitDecider } from '@spinout/domain';
import { foldStream, runCommand, SqlEventStore } from '@spinout/event-store';
import { DATABASES, type OpenedDatabase } from '../../event-store/test/databases';
import { spinoutUpcasters } from './upcasters';

const AT = '2026-01-05T08:00:00Z';
const meta = { actor: 'office', correlationId: 'c', occurredAt: AT };
const yuan = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

describe.each(DATABASES)('stored schema versions on $name', (kind) => {
  let opened: OpenedDatabase;
  let store: SqlEventStore;
  beforeAll(async () => {
    opened = await kind.open();
    store = new SqlEventStore(opened.db, spinoutUpcasters());
  });
  afterAll(() => opened.dispose());

  it('reads an award stored before awards had a contract period as one without a stated period, and writes new awards as version 2', async () => {
    const stream = 'serviceUnit-u-old';
    const unit = {
      unitId: 'u-old',
      agency: 'A',
      name: 'Fleet',
      category: 'motor_pool',
      establishmentHeadcount: 3,
      annualCostBaseline: yuan(900),
      assets: [],
    };
    const steps: Array<[string, object, string]> = [
      ['RegisterServiceUnit', unit, 'office'],
      [
        'ProposeReformPlan',
        {
          mode: 'outsource',
          managementFunctionsKept: [],
          rationale: 'r',
          targetAnnualCost: yuan(800),
          targetDate: '2026-12-31',
        },
        'office',
      ],
      ['ApproveReformPlan', {}, 'approver'],
      [
        'RequestProcurement',
        { procurementId: 'ocds-abcdef-9', estimatedValue: yuan(2400), description: 'fleet' },
        'office',
      ],
    ];
    for (const [type, data, actor] of steps) {
      await runCommand({
        store,
        decider: serviceUnitDecider,
        streamId: stream,
        command: { type, data, actor, at: AT } as never,
        metadata: { ...meta, actor },
      });
    }
    // An award exactly as version 1 stored it: no contractPeriod field.
    const legacy = {
      unitId: 'u-old',
      procurementId: 'ocds-abcdef-9',
      awardId: 'a-9',
      providerId: 'p-9',
      contractValue: yuan(2400),
      recordedAt: AT,
      recordedBy: 'proc',
    };
    await store.append(
      stream,
      [{ eventId: 'legacy-award', type: 'AwardRecorded', schemaVersion: 1, data: legacy, metadata: meta }],
      4,
    );

    const [award] = (await store.readStream(stream)).filter((e) => e.type === 'AwardRecorded');
    expect(award.schemaVersion).toBe(2);
    expect(award.data).toEqual({ ...legacy, contractPeriod: null });
    const [stored] = await opened.db.query<{ schema_version: number }>(
      "SELECT schema_version FROM events WHERE event_id = 'legacy-award'",
    );
    expect(Number(stored.schema_version)).toBe(1); // what is stored never changes
    const state = foldStream(serviceUnitDecider, await store.readStream(stream));
    expect(state).toMatchObject({ stage: 'awarded', award: { providerId: 'p-9' } });

    expect(store.currentSchemaVersion('AwardRecorded')).toBe(2);
    const second = 'serviceUnit-u-new';
    for (const [type, data, actor] of steps) {
      await runCommand({
        store,
        decider: serviceUnitDecider,
        streamId: second,
        command: {
          type,
          data: { ...data, unitId: 'u-new', procurementId: (data as { procurementId?: string }).procurementId },
          actor,
          at: AT,
        } as never,
        metadata: { ...meta, actor },
      });
    }
    await runCommand({
      store,
      decider: serviceUnitDecider,
      streamId: second,
      metadata: meta,
      command: {
        type: 'RecordAward',
        actor: 'proc',
        at: AT,
        data: { procurementId: 'ocds-abcdef-9', awardId: 'a-10', providerId: 'p-9', contractValue: yuan(2400) },
      },
    });
    const [fresh] = await opened.db.query<{ schema_version: number }>(
      "SELECT schema_version FROM events WHERE stream_id = 'serviceUnit-u-new' AND type = 'AwardRecorded'",
    );
    expect(Number(fresh.schema_version)).toBe(2);
  });
});
