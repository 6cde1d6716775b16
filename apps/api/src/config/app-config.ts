import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Everything Spinout reads from its environment, validated once at start-up. */
export interface AppConfig {
  port: number;
  databaseUrl: string;
  jwtSecret: string;
  jwtIssuer: string;
  production: boolean;
  logLevel: LogLevel;
}

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';
const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

export const DEFAULT_DATABASE_URL = 'sqlite:./data/spinout.sqlite';
const DEV_SECRET_FILE = './data/dev-jwt-secret';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; throws one ConfigError listing every problem found. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';

  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number 0–65535, got "${env.PORT}"`);

  const databaseUrl = env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  if (!/^(postgres(ql)?:\/\/|sqlite:)/.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgres:// or sqlite:, got "${databaseUrl}"`);
  }

  let jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret === '') {
    if (production) problems.push('JWT_SECRET is required when NODE_ENV=production');
    else jwtSecret = developmentSecret();
  } else if (jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters (HS256 needs a strong secret)');
  }

  const logLevel = (env.LOG_LEVEL ?? 'log') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, databaseUrl, jwtSecret, jwtIssuer: env.JWT_ISSUER ?? 'spinout', production, logLevel };
}

/**
 * Outside production a missing JWT_SECRET is replaced by a random secret kept in ./data, so a
 * newcomer can start the service and mint tokens (`npm run token`) without configuring anything.
 */
export function developmentSecret(file = DEV_SECRET_FILE): string {
  const path = resolve(file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
