import { DEFAULT_TOPICS, KAFKA_RELAY } from '@spinout/messaging';
import { DIALECTS } from '../support/app';
import { eventually } from '../support/eventually';
import {
  startKafkaApp,
  TestBroker,
  testKafka,
  TopicRecorder,
  unitInProcurement,
  type KafkaTestApp,
} from '../support/kafka';

/**
 * The relay waits for a broker that is frozen (SIGSTOP: connections stay open, nothing answers)
 * with no database transaction open. Commands go on being accepted, the views keep up, and the
 * relay's stall shows as lag in /health/details; once the broker answers again, everything held
 * back is published.
 */
const TOPIC = DEFAULT_TOPICS.procurementRequests;
const broker = new TestBroker(19300);
let frozen = false;

/** Freezes or thaws the broker, remembering which, so the hooks never leave it frozen. */
function signalBroker(signal: 'SIGSTOP' | 'SIGCONT'): void {
  broker.signal(signal);
  frozen = signal === 'SIGSTOP';
}

beforeAll(async () => {
  await broker.start();
}, 120_000);

afterAll(async () => {
  if (frozen) signalBroker('SIGCONT');
  await broker.stop();
}, 60_000);

describe.each(DIALECTS)('a frozen broker on %s', (dialect) => {
  let t: KafkaTestApp;
  beforeAll(async () => {
    t = await startKafkaApp(dialect, [broker.bootstrap]);
  }, 60_000);
  afterAll(async () => {
    if (frozen) signalBroker('SIGCONT');
    await t?.close();
  }, 60_000);

  const ocid = (label: string) => `ocds-spnout-fz-${dialect.slice(0, 2)}${label}`;
  const processors = async () =>
    (await t.http.get('/health/details').set(t.as('ops', 'operator')).expect(200)).body.processors as Array<{
      name: string;
      state: string;
      lag: number;
      parked: number;
      checkpoint: string | null;
    }>;
  const processor = async (name: string) => (await processors()).find((p) => p.name === name);
  const unitsInProcurement = async (ids: string[]) => {
    const items = (
      await t.http.get('/views/units').query({ stage: 'procurement', limit: 200 }).set(t.as('v', 'viewer')).expect(200)
    ).body.items as Array<{ unitId: string }>;
    return ids.filter((id) => items.some((item) => item.unitId === id));
  };

  it('accepts commands and keeps the views current while the relay waits, shows the relay lag, and publishes everything after', async () => {
    const recorder = await new TopicRecorder(testKafka(broker.bootstrap), [TOPIC]).start();
    const warmUp = await unitInProcurement(t, ocid('w'));
    await eventually(async () => expect(recorder.on(TOPIC).map((m) => m.key)).toContain(warmUp), { timeoutMs: 30_000 });
    await eventually(async () => expect(await processor(KAFKA_RELAY)).toMatchObject({ state: 'active', lag: 0 }));
    await recorder.stop();

    signalBroker('SIGSTOP');
    const during: string[] = [];
    try {
      for (let i = 0; i < 6; i += 1) during.push(await unitInProcurement(t, ocid(`d${i}`))); // 24 commands
      await eventually(async () => expect(await unitsInProcurement(during)).toEqual(during), { timeoutMs: 20_000 });
      await eventually(async () => expect(await processor('projection:units')).toMatchObject({ lag: 0 }), {
        timeoutMs: 20_000,
      });
      // The relay still waits on the broker from the first procurement request of the freeze (the
      // unit's fourth command) on, and health says so: at least the other five units' commands are behind it.
      const relay = await processor(KAFKA_RELAY);
      expect(relay).toMatchObject({ state: 'active', parked: 0 });
      expect(relay?.lag).toBeGreaterThanOrEqual(21);
    } finally {
      signalBroker('SIGCONT');
    }

    const after = await new TopicRecorder(testKafka(broker.bootstrap), [TOPIC]).start();
    try {
      await eventually(
        async () => {
          const keys = new Set(after.on(TOPIC).map((m) => m.key));
          expect(during.filter((id) => !keys.has(id))).toEqual([]);
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      await eventually(async () => expect(await processor(KAFKA_RELAY)).toMatchObject({ lag: 0, parked: 0 }), {
        timeoutMs: 30_000,
      });
    } finally {
      await after.stop();
    }
  }, 180_000);
});
