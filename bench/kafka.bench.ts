/**
 * The Kafka relay on PostgreSQL against a real broker (scripts/kafka/broker.mjs).
 *
 *   npm run bench:kafka
 *
 * 1. Relay throughput: BENCH_EVENTS procurement requests (default 5,000) are appended first
 *    (each unit registered, its plan approved, its procurement requested, through the deciders);
 *    then the relay starts from an empty checkpoint and the time until every one is acknowledged
 *    by the broker (acks = all, idempotent producer) gives events/s.
 * 2. Command → consumer-visible latency: BENCH_SAMPLES commands (default 300), one after another,
 *    each `RequestProcurement` timed from just before the command until an independent kafkajs
 *    consumer receives its message. Two ways the relay learns of new events:
 *      (a) same process: the append wakes the relay at once (the single-process API);
 *      (b) another process: the relay polls the log every PROCESSOR_POLL_MS (default 200, as a worker).
 *
 * Settings: BENCH_POSTGRES_URL (server for a fresh database, dropped afterwards), KAFKA_BROKERS (use
 * a running broker instead of starting one on BENCH_KAFKA_PORT, default 19098).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { serviceUnitDecider, streamIdOf } from '@spinout/domain';
import {
  AppendNotifier,
  NotifyingEventStore,
  openSqlDatabase,
  runCommand,
  SqlEventStore,
  type EventStore,
  type TypeOrmSqlDatabase,
} from '@spinout/event-store';
import { DEFAULT_TOPICS, MessagingRuntime } from '@spinout/messaging';

const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const POLL_MS = Number(process.env.PROCESSOR_POLL_MS ?? 200);
const PORT = Number(process.env.BENCH_KAFKA_PORT ?? 19098);
const ROOT = join(__dirname, '..');
const TOPIC = DEFAULT_TOPICS.procurementRequests;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function broker(command: 'start' | 'stop'): string {
  return execFileSync(process.execPath, ['scripts/kafka/broker.mjs', command, '--port', String(PORT)], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const AT = '2025-03-01T09:00:00.000Z';
const meta = (actor: string) => ({ actor, correlationId: randomUUID(), occurredAt: AT });

/** A unit whose approved outsourcing plan waits for procurement. */
async function unitReadyForProcurement(store: EventStore): Promise<string> {
  const unitId = randomUUID();
  const base = { store, decider: serviceUnitDecider, streamId: streamIdOf('serviceUnit', unitId) };
  await runCommand({
    ...base,
    metadata: meta('office'),
    command: {
      type: 'RegisterServiceUnit',
      actor: 'office',
      at: AT,
      data: {
        unitId,
        agency: 'Provincial Finance Department',
        name: 'Canteen',
        category: 'canteen',
        establishmentHeadcount: 4,
        annualCostBaseline: { amountMinor: 150_000_000, currency: 'CNY' },
        assets: [],
      },
    },
  });
  await runCommand({
    ...base,
    metadata: meta('office'),
    command: {
      type: 'ProposeReformPlan',
      actor: 'office',
      at: AT,
      data: {
        mode: 'outsource',
        managementFunctionsKept: ['oversight'],
        rationale: 'Contract the service',
        targetAnnualCost: { amountMinor: 120_000_000, currency: 'CNY' },
        targetDate: '2025-12-31',
      },
    },
  });
  await runCommand({
    ...base,
    metadata: meta('approver'),
    command: { type: 'ApproveReformPlan', actor: 'approver', at: AT, data: {} },
  });
  return unitId;
}

async function requestProcurement(store: EventStore, unitId: string): Promise<string> {
  const result = await runCommand({
    store,
    decider: serviceUnitDecider,
    streamId: streamIdOf('serviceUnit', unitId),
    metadata: meta('office'),
    command: {
      type: 'RequestProcurement',
      actor: 'office',
      at: AT,
      data: {
        procurementId: `ocds-spnout-${unitId.slice(0, 8)}`,
        estimatedValue: { amountMinor: 380_000_000, currency: 'CNY' },
        description: 'Canteen services',
      },
    },
  });
  return result.events[0].eventId;
}

async function inParallel<T>(count: number, concurrency: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main(): Promise<void> {
  const ownBroker = !process.env.KAFKA_BROKERS;
  const bootstrap = process.env.KAFKA_BROKERS ?? broker('start');
  const dbName = `spinout_bench_kafka_${process.pid}`;
  await admin((c) => c.query(`CREATE DATABASE "${dbName}"`));
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${dbName}`;
  const db: TypeOrmSqlDatabase = await openSqlDatabase({ url: url.toString(), poolSize: 16 });
  const notifier = new AppendNotifier();
  const plainStore = new SqlEventStore(db);
  const notifyingStore = new NotifyingEventStore(plainStore, notifier);
  const kafka = new Kafka({ clientId: 'bench-reader', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  let runtime: MessagingRuntime | null = null;
  const reader = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 50 });
  try {
    say(`Kafka relay on PostgreSQL, broker ${bootstrap}${ownBroker ? ' (started for this run)' : ''}`);

    // 1. Throughput from a backlog.
    let t0 = Date.now();
    const units = await inParallel(EVENTS, 16, () => unitReadyForProcurement(plainStore));
    await inParallel(EVENTS, 16, (i) => requestProcurement(plainStore, units[i]));
    say(
      `prepared ${EVENTS} procurement requests (${units.length * 4} events in the log) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    runtime = new MessagingRuntime({
      db,
      store: notifyingStore,
      notifier,
      brokers: [bootstrap],
      clientId: 'bench',
      groupId: 'bench',
      runConsumer: false,
      pollIntervalMs: POLL_MS,
      relayBatchSize: process.env.BENCH_RELAY_BATCH ? Number(process.env.BENCH_RELAY_BATCH) : undefined,
    });
    const relay = runtime.relay;
    t0 = Date.now();
    runtime.start();
    let firstAck = 0;
    while (relay.published < EVENTS) {
      if (firstAck === 0 && relay.published > 0) firstAck = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const seconds = (Date.now() - t0) / 1000;
    const steady = (Date.now() - firstAck) / 1000;
    say(
      `relay throughput: ${EVENTS} events published and acknowledged in ${seconds.toFixed(2)} s = ${Math.round(EVENTS / seconds)} events/s ` +
        `(first ack after ${((firstAck - t0) / 1000).toFixed(2)} s incl. connecting; after it ${Math.round(EVENTS / steady)} events/s; reads of ${relay.batchSize} log events per batch)`,
    );

    // 2. Latency, with an independent consumer reading the topic.
    const seen = new Map<string, number>();
    await reader.connect();
    const joined = new Promise<void>((resolve) => reader.on(reader.events.GROUP_JOIN, () => resolve()));
    await reader.subscribe({ topics: [TOPIC], fromBeginning: false });
    await reader.run({
      eachMessage: async ({ message }) => void seen.set(message.headers?.ce_id?.toString() ?? '', Date.now()),
    });
    await joined;
    const latencyUnits = await inParallel(2 * SAMPLES, 16, () => unitReadyForProcurement(plainStore));

    for (const [label, store, offset] of [
      ['(a) same process, append wakes the relay', notifyingStore, 0],
      [`(b) other process, relay polls every ${POLL_MS} ms`, plainStore, SAMPLES],
    ] as const) {
      const latencies: number[] = [];
      for (let i = 0; i < SAMPLES; i += 1) {
        const started = Date.now();
        const eventId = await requestProcurement(store, latencyUnits[offset + i]);
        while (!seen.has(eventId)) await new Promise((resolve) => setTimeout(resolve, 1));
        latencies.push((seen.get(eventId) ?? 0) - started);
        await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
      }
      latencies.sort((a, b) => a - b);
      const p99 = percentile(latencies, 99);
      say(
        `command → consumer-visible ${label}: p50 ${percentile(latencies, 50)} ms, p99 ${p99} ms, max ${latencies[latencies.length - 1]} ms over ${SAMPLES} commands${p99 <= 1000 ? ' (target p99 ≤ 1 s met)' : ' (target p99 ≤ 1 s MISSED)'}`,
      );
    }
  } finally {
    await reader.disconnect().catch(() => undefined);
    await runtime?.stop();
    await db.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
    if (ownBroker) broker('stop');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
