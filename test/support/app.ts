import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DEFAULT_BUSINESS_TIME_ZONE } from '@spinout/domain';
import type { Role } from '../../apps/api/src/auth/roles';
import { signToken } from '../../apps/api/src/auth/dev-token';
import { createApp } from '../../apps/api/src/bootstrap';
import { eventually } from './eventually';
import type { AppConfig } from '../../apps/api/src/config/app-config';
import { createEmptyDatabase } from './empty-database';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
const SECRET = TEST_JWT_SECRET;

/** The configuration the tests run the app with: processors on, Kafka off, quick polling and batches. */
export function testAppConfig(overrides: Partial<AppConfig> & { databaseUrl: string }): AppConfig {
  return {
    port: 0,
    jwtSecret: SECRET,
    jwtIssuer: 'spinout',
    jwtMaxTtlSeconds: 12 * 3600,
    production: false,
    logLevel: 'warn',
    runProcessors: true,
    processorPollMs: 50,
    processorBatchIntervalMs: 20,
    businessTimeZone: DEFAULT_BUSINESS_TIME_ZONE,
    kafkaBrokers: [],
    kafkaClientId: 'spinout-test',
    kafkaGroupId: 'spinout-test',
    seedDemo: false,
    ...overrides,
  };
}

/** A bearer header signed as the test app expects. */
export function bearer(subject: string, ...roles: Role[]): { Authorization: string } {
  return { Authorization: `Bearer ${signToken({ subject, roles, secret: SECRET, issuer: 'spinout' })}` };
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  /** A bearer header for a principal with the given roles. */
  as(subject: string, ...roles: Role[]): { Authorization: string };
  databaseUrl: string;
  close(): Promise<void>;
}

/** Boots the real application on a fresh SQLite file or a fresh PostgreSQL database. */
export async function startTestApp(dialect: Dialect, overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  // A given databaseUrl is someone else's database (a second process on the same data): used, never dropped.
  const database = overrides.databaseUrl
    ? { url: overrides.databaseUrl, drop: async () => undefined }
    : await createEmptyDatabase(dialect, 'spinout_e2e');
  const app = await createApp(testAppConfig({ ...overrides, databaseUrl: database.url }));
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    as: bearer,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** Waits until every processor of the app has read the whole log (lag 0 in /health/details). */
export async function processorsCaughtUp(t: TestApp): Promise<void> {
  await eventually(
    async () => {
      const health = await t.http.get('/health/details').set(t.as('ops', 'operator')).expect(200);
      for (const processor of health.body.processors)
        expect([processor.name, processor.lag]).toEqual([processor.name, 0]);
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  );
}
