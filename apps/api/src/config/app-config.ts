import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Everything Spinout reads from its environment, validated once at start-up. */
export interface AppConfig {
  port: number;
  databaseUrl: string;
  jwtSecret: string;
  jwtIssuer: string;
  /** Expected `aud` of tokens; tokens may carry none when unset. */
  jwtAudience?: string;
  /** Longest lifetime (exp − iat) a token may have. */
  jwtMaxTtlSeconds: number;
  production: boolean;
  logLevel: LogLevel;
  /** Host the processors (projections, process managers, relay) in this process. */
  runProcessors: boolean;
  processorPollMs: number;
  /** Comma-separated Kafka bootstrap servers; Kafka integration is off when empty. */
  kafkaBrokers: string[];
  kafkaClientId: string;
  kafkaGroupId: string;
  /** How far ahead of its receipt an inbound message's `ce_time` may be (300 s when absent); further ahead is dead-lettered. */
  kafkaMaxClockSkewSeconds?: number;
  /** Seed the demo programme at start-up. */
  seedDemo: boolean;
  /** How long an Idempotency-Key claim is its request's before a retry may take it over (30 s when absent). */
  idempotencyClaimLeaseSeconds?: number;
  /** How long a stored Idempotency-Key outcome is kept before it is purged (24 h when absent). */
  idempotencyRetentionHours?: number;
}

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';
const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

export const DEFAULT_DATABASE_URL = 'sqlite:./data/spinout.sqlite';
const DEV_SECRET_FILE = './data/dev-jwt-secret';
const DEFAULT_MAX_TTL_SECONDS = 12 * 3600;

/**
 * Secrets that have been published (examples in documentation and compose files): a service
 * signing with one would let anyone mint admin tokens, so production refuses to start with it.
 */
const PLACEHOLDER_SECRET = /change[-_ ]?me|changeit|placeholder|example|secret{2,}|^(.)\1+$|your[-_ ]?secret/i;

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
  } else if (production && PLACEHOLDER_SECRET.test(jwtSecret)) {
    problems.push('JWT_SECRET is a published placeholder; generate one, e.g. `openssl rand -base64 48`');
  }
  const jwtMaxTtlSeconds = Number(env.JWT_MAX_TTL_SECONDS ?? DEFAULT_MAX_TTL_SECONDS);
  if (!Number.isInteger(jwtMaxTtlSeconds) || jwtMaxTtlSeconds < 60 || jwtMaxTtlSeconds > 30 * 86400) {
    problems.push(`JWT_MAX_TTL_SECONDS must be a whole number of seconds from 60 to 2592000, got "${env.JWT_MAX_TTL_SECONDS}"`);
  }
  const jwtAudience = env.JWT_AUDIENCE?.trim() || undefined;

  const logLevel = (env.LOG_LEVEL ?? 'log') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);

  const runProcessors = flag(env, 'RUN_PROCESSORS', true, problems);
  const seedDemo = flag(env, 'SPINOUT_DEMO', false, problems);
  const processorPollMs = Number(env.PROCESSOR_POLL_MS ?? '200');
  if (!Number.isInteger(processorPollMs) || processorPollMs < 10) problems.push(`PROCESSOR_POLL_MS must be a whole number of milliseconds ≥ 10, got "${env.PROCESSOR_POLL_MS}"`);
  const kafkaBrokers = (env.KAFKA_BROKERS ?? '').split(',').map((broker) => broker.trim()).filter((broker) => broker !== '');
  for (const broker of kafkaBrokers) if (!/^[^:\s]+:\d+$/.test(broker)) problems.push(`KAFKA_BROKERS entries must be host:port, got "${broker}"`);
  const kafkaMaxClockSkewSeconds = Number(env.KAFKA_MAX_CLOCK_SKEW_SECONDS ?? '300');
  if (!Number.isInteger(kafkaMaxClockSkewSeconds) || kafkaMaxClockSkewSeconds < 0 || kafkaMaxClockSkewSeconds > 86_400) {
    problems.push(`KAFKA_MAX_CLOCK_SKEW_SECONDS must be a whole number of seconds from 0 to 86400, got "${env.KAFKA_MAX_CLOCK_SKEW_SECONDS}"`);
  }
  const idempotencyClaimLeaseSeconds = Number(env.IDEMPOTENCY_CLAIM_LEASE_SECONDS ?? '30');
  if (!Number.isInteger(idempotencyClaimLeaseSeconds) || idempotencyClaimLeaseSeconds < 1 || idempotencyClaimLeaseSeconds > 3600) {
    problems.push(`IDEMPOTENCY_CLAIM_LEASE_SECONDS must be a whole number of seconds from 1 to 3600, got "${env.IDEMPOTENCY_CLAIM_LEASE_SECONDS}"`);
  }
  const idempotencyRetentionHours = Number(env.IDEMPOTENCY_RETENTION_HOURS ?? '24');
  if (!Number.isInteger(idempotencyRetentionHours) || idempotencyRetentionHours < 1 || idempotencyRetentionHours > 8760) {
    problems.push(`IDEMPOTENCY_RETENTION_HOURS must be a whole number of hours from 1 to 8760, got "${env.IDEMPOTENCY_RETENTION_HOURS}"`);
  }
  if (production && seedDemo) problems.push('SPINOUT_DEMO cannot be on when NODE_ENV=production: the demo programme is invented data');

  if (problems.length > 0) throw new ConfigError(problems);
  return { port, databaseUrl, jwtSecret, jwtIssuer: env.JWT_ISSUER ?? 'spinout', jwtAudience, jwtMaxTtlSeconds, production, logLevel, runProcessors, processorPollMs, kafkaBrokers, kafkaClientId: env.KAFKA_CLIENT_ID ?? 'spinout', kafkaGroupId: env.KAFKA_GROUP_ID ?? 'spinout', kafkaMaxClockSkewSeconds, seedDemo, idempotencyClaimLeaseSeconds, idempotencyRetentionHours };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  problems.push(`${name} must be true or false, got "${value}"`);
  return fallback;
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
