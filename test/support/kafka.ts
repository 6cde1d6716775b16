import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel, type Consumer, type IHeaders, type Producer } from 'kafkajs';
import request from 'supertest';
import { creditCodeCheckCharacter } from '@spinout/domain';
import type { EventStore } from '@spinout/event-store';
import {
  headersAsText,
  loadAsyncApiDocument,
  MessagingService,
  payloadSchemaOf,
  SchemaValidator,
  toBinaryHeaders,
  topicOf,
  type MessagingOptions,
} from '@spinout/messaging';
import { createApp } from '../../apps/api/src/bootstrap';
import type { Role } from '../../apps/api/src/auth/roles';
import { bearer, testAppConfig, type Dialect } from './app';
import { createTestDatabase } from './postgres';
import { createTestSqliteFile } from './sqlite';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/**
 * A real Kafka broker for one test file (scripts/kafka/broker.mjs: a single KRaft node from the
 * Maven jars). Each file asks for its own port; if that port (or the controller's, port + 1) is
 * taken, e.g. by another test run on the machine, the next free pair is used. Every start
 * without `keep` begins with an empty cluster, so topic names are fresh.
 */
export class TestBroker {
  bootstrap = '';
  private port: number | null = null;

  constructor(private readonly preferredPort: number) {}

  async start(options: { keep?: boolean } = {}): Promise<string> {
    this.port ??= await freePortPair(this.preferredPort);
    const args = [
      'scripts/kafka/broker.mjs',
      'start',
      '--port',
      String(this.port),
      ...(options.keep ? ['--keep'] : []),
    ];
    const { stdout } = await run(process.execPath, args, { cwd: ROOT, timeout: 120_000 });
    this.bootstrap = stdout.trim();
    return this.bootstrap;
  }

  async stop(): Promise<void> {
    if (this.port === null) return;
    await run(process.execPath, ['scripts/kafka/broker.mjs', 'stop', '--port', String(this.port)], {
      cwd: ROOT,
      timeout: 60_000,
    });
  }

  /** Freezes (SIGSTOP) or thaws (SIGCONT) the broker's JVM, or kills it (SIGKILL), for fault tests. */
  signal(signal: 'SIGSTOP' | 'SIGCONT' | 'SIGKILL'): void {
    if (this.port === null) throw new Error('The broker was never started');
    const cache = process.env.KAFKA_CACHE_DIR ? resolve(process.env.KAFKA_CACHE_DIR) : join(ROOT, '.cache', 'kafka');
    const pid = Number(readFileSync(join(cache, `run-${this.port}`, 'kafka.pid'), 'utf8').trim());
    process.kill(pid, signal);
  }
}

async function freePortPair(from: number): Promise<number> {
  for (let port = from; port < from + 400; port += 2) {
    if ((await portFree(port)) && (await portFree(port + 1))) return port;
  }
  throw new Error(`No two free ports from ${from} on`);
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A kafkajs client for the test's own producers and consumers (independent of the app's). */
export function testKafka(bootstrap: string, clientId = 'spinout-test'): Kafka {
  return new Kafka({
    clientId,
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, retries: 8 },
  });
}

export interface ReceivedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** An independent consumer that records everything on some topics from the beginning. */
export class TopicRecorder {
  readonly messages: ReceivedMessage[] = [];
  private consumer: Consumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: string[],
  ) {}

  async start(): Promise<this> {
    const admin = this.kafka.admin();
    await admin.connect();
    // Topics exist before the consumer subscribes, so it is assigned them at once.
    await admin.createTopics({
      topics: this.topics.map((topic) => ({ topic, numPartitions: 3 })),
      waitForLeaders: true,
    });
    await admin.disconnect();
    const consumer = this.kafka.consumer({
      groupId: `recorder-${Math.random().toString(36).slice(2)}`,
      maxWaitTimeInMs: 100,
    });
    this.consumer = consumer;
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: message.value?.toString('utf8') ?? null,
          headers: headersAsText(message.headers as IHeaders),
        });
      },
    });
    await joined;
    return this;
  }

  on(topic: string): ReceivedMessage[] {
    return this.messages.filter((message) => message.topic === topic);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/** Validates a published message against docs/asyncapi.yaml: its topic, CloudEvents headers, key and payload schema. */
export class AsyncApiChecker {
  private readonly doc = loadAsyncApiDocument(ROOT);
  private readonly validator = new SchemaValidator(this.doc.components.schemas);

  problems(message: ReceivedMessage): string[] {
    const problems: string[] = [];
    const headers = this.validator.validate('CloudEventHeaders', message.headers);
    if (!headers.ok) problems.push(...headers.errors.map((e) => `headers: ${e}`));
    const type = message.headers.ce_type ?? '';
    const schema = payloadSchemaOf(this.doc, type);
    if (!schema) return [...problems, `ce_type ${type} is not in the AsyncAPI document`];
    if (topicOf(this.doc, type) !== message.topic)
      problems.push(`${type} belongs on ${topicOf(this.doc, type)}, not ${message.topic}`);
    if (message.key === null || message.key !== message.headers.ce_subject)
      problems.push(`key ${message.key} should equal ce_subject ${message.headers.ce_subject}`);
    const payload = this.validator.validate(schema, JSON.parse(message.value ?? 'null'));
    if (!payload.ok) problems.push(...payload.errors.map((e) => `payload (${schema}): ${e}`));
    return problems;
  }

  /** A dead letter carries the dlt_* headers the document promises. */
  deadLetterProblems(message: ReceivedMessage): string[] {
    const headers = this.validator.validate('DeadLetterHeaders', message.headers);
    return headers.ok ? [] : headers.errors;
  }
}

/** Sends a tender outcome as the procurement system would: CloudEvents binary headers, JSON body, keyed by ocid. */
export async function sendTenderOutcome(
  producer: Producer,
  topic: string,
  message: {
    id: string;
    type: string;
    body: unknown;
    time?: string;
    raw?: string;
    key?: string;
    headers?: Record<string, string>;
  },
): Promise<void> {
  const headers = {
    ...toBinaryHeaders({
      id: message.id,
      type: message.type,
      source: '/procurement',
      specversion: '1.0',
      time: message.time ?? new Date().toISOString(),
    }),
    ...message.headers,
  };
  const key = message.key ?? (message.body as { ocid?: string } | null)?.ocid ?? 'none';
  await producer.send({
    topic,
    acks: -1,
    messages: [{ key, value: message.raw ?? JSON.stringify(message.body), headers }],
  });
}

/** The app's event store, failing as a lost database connection does while `down` is set. */
export class DatabaseOutage implements EventStore {
  down = false;

  constructor(private readonly inner: EventStore) {}

  private check(): void {
    if (this.down) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
  }

  append(...args: Parameters<EventStore['append']>) {
    this.check();
    return this.inner.append(...args);
  }
  readStream(...args: Parameters<EventStore['readStream']>) {
    this.check();
    return this.inner.readStream(...args);
  }
  readAll(...args: Parameters<EventStore['readAll']>) {
    this.check();
    return this.inner.readAll(...args);
  }
  headCheckpoint() {
    this.check();
    return this.inner.headCheckpoint();
  }
  countAfter(...args: Parameters<EventStore['countAfter']>) {
    this.check();
    return this.inner.countAfter(...args);
  }
  verify(...args: Parameters<EventStore['verify']>) {
    this.check();
    return this.inner.verify(...args);
  }
}

export interface KafkaTestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  as(subject: string, ...roles: Role[]): { Authorization: string };
  messaging: MessagingService;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * The API in one process with Kafka on, wired as the application wires it when KAFKA_BROKERS is
 * set: `AppModule.forConfig` with brokers imports `MessagingModule` on the app's database, event store and notifier.
 */
export async function startKafkaApp(
  dialect: Dialect,
  brokers: string[],
  overrides: Partial<MessagingOptions> = {},
  database?: { url: string; drop(): Promise<void> },
): Promise<KafkaTestApp> {
  if (brokers.length === 0 || brokers.some((broker) => broker === ''))
    throw new Error('No Kafka broker: did the test broker start?');
  const db = database ?? (dialect === 'sqlite' ? sqliteDatabase() : await createTestDatabase('spinout_kafka'));
  const config = testAppConfig({
    databaseUrl: db.url,
    kafkaBrokers: brokers,
    kafkaClientId: 'spinout-api',
    kafkaGroupId: 'spinout',
  });
  // Wired exactly as the application wires it when KAFKA_BROKERS is set.
  const app = await createApp(config, { messaging: overrides });
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    as: bearer,
    messaging: app.get(MessagingService),
    databaseUrl: db.url,
    close: async () => {
      await app.close();
      if (!database) await db.drop();
    },
  };
}

function sqliteDatabase() {
  const file = createTestSqliteFile();
  return { url: `sqlite:${file.path}`, drop: async () => file.remove() };
}

let providerSeq = 0;

/** Registers a provider with a fresh, valid credit code (codes are unique per legal entity). */
export async function registerProvider(t: Pick<KafkaTestApp, 'http' | 'as'>, category = 'canteen'): Promise<string> {
  providerSeq += 1;
  const first17 = `91440300${String(process.pid % 10_000).padStart(4, '0')}${String(providerSeq).padStart(5, '0')}`;
  const creditCode = first17 + creditCodeCheckCharacter(first17);
  const res = await t.http
    .post('/providers')
    .set(t.as('zhao.procurement', 'procurement'))
    .send({
      name: `Provider ${creditCode}`,
      creditCode,
      serviceCategories: [category],
      contact: { email: 'ops@example.com' },
    })
    .expect(201);
  return res.body.id as string;
}

/** A canteen unit with an approved outsourcing plan, in procurement under `ocid`, set up over HTTP. */
export async function unitInProcurement(t: Pick<KafkaTestApp, 'http' | 'as'>, ocid: string): Promise<string> {
  const office = t.as('li.office', 'reform_office');
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
  await t.http
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
  await t.http.post(`/service-units/${unitId}/plan/approve`).set(t.as('wang.approver', 'approver')).expect(200);
  await t.http
    .post(`/service-units/${unitId}/procurement`)
    .set(office)
    .send({
      procurementId: ocid,
      estimatedValue: { amountMinor: 380_000_000 },
      description: 'Canteen services, 3 years',
    })
    .expect(201);
  return unitId;
}
