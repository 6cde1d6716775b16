import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Role } from '../../apps/api/src/auth/roles';
import { signToken } from '../../apps/api/src/auth/dev-token';
import { createApp } from '../../apps/api/src/bootstrap';
import type { AppConfig } from '../../apps/api/src/config/app-config';
import { createTestDatabase } from './postgres';
import { createTestSqliteFile } from './sqlite';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

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
    : dialect === 'sqlite'
      ? sqliteDatabase()
      : await createTestDatabase('spinout_e2e');
  const config: AppConfig = { port: 0, databaseUrl: database.url, jwtSecret: SECRET, jwtIssuer: 'spinout', production: false, logLevel: 'warn', runProcessors: true, processorPollMs: 50, kafkaBrokers: [], kafkaClientId: 'spinout-test', kafkaGroupId: 'spinout-test', seedDemo: false, ...overrides };
  const app = await createApp(config);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    as: (subject, ...roles) => ({ Authorization: `Bearer ${signToken({ subject, roles, secret: SECRET, issuer: 'spinout' })}` }),
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

function sqliteDatabase() {
  const file = createTestSqliteFile();
  return { url: `sqlite:${file.path}`, drop: async () => file.remove() };
}
