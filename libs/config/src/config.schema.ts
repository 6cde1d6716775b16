import { RATING_SCHEME_IDS } from '@spinout/domain/contract';
import { DEFAULT_BUSINESS_TIME_ZONE, isTimeZone } from '@spinout/domain';
import { variable } from './config-variable';
import {
  databaseUrl,
  flag,
  hostPortList,
  oneOf,
  optional,
  optionalText,
  type Parser,
  trimmedName,
  verbatim,
  wholeNumber,
} from './config.parsers';
import { developmentSecret } from './development-secret';

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** One JSON object per line, or lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

export const DEFAULT_DATABASE_URL = 'sqlite:./data/spinout.sqlite';

/** NODE_ENV=production; read before the other variables, whose rules may depend on it. */
export const isProduction = (nodeEnv: string | undefined): boolean => nodeEnv === 'production';

/**
 * Secrets that have been published (examples in documentation and compose files): a service
 * signing with one would let anyone mint admin tokens, so production refuses to start with it.
 */
const PLACEHOLDER_SECRET = /change[-_ ]?me|changeit|placeholder|example|secret{2,}|^(.)\1+$|your[-_ ]?secret/i;

const jwtSecret: Parser<string> = (text, { production, problem }) => {
  const secret = text ?? '';
  if (secret === '') {
    if (!production) return developmentSecret();
    problem('JWT_SECRET is required when NODE_ENV=production');
  } else if (secret.length < 32) {
    problem('JWT_SECRET must be at least 32 characters (HS256 needs a strong secret)');
  } else if (production && PLACEHOLDER_SECRET.test(secret)) {
    problem('JWT_SECRET is a published placeholder; generate one, e.g. `openssl rand -base64 48`');
  }
  return secret;
};

const demoSwitch: Parser<boolean> = (text, context) => {
  const on = flag(text, context);
  if (on && context.production)
    context.problem('SPINOUT_DEMO cannot be on when NODE_ENV=production: the demo programme is invented data');
  return on;
};

/**
 * Every environment variable the API and the worker read, each defined once: a variable both
 * read is parsed by the same code, with the same default (unless the roles differ on purpose) and
 * the same messages. Keys are the configuration's field names. The README's configuration table
 * lists exactly these names (config.schema.spec.ts checks it). Problems are reported in this order.
 */
export const CONFIG_SCHEMA = {
  port: variable({
    name: 'PORT',
    roles: ['api'],
    default: '3000',
    description: 'HTTP port',
    parse: wholeNumber(0, 65535, 'a port number 0–65535'),
  }),
  databaseUrl: variable({
    name: 'DATABASE_URL',
    roles: ['api', 'worker'],
    default: { api: DEFAULT_DATABASE_URL },
    description: "sqlite:<file> or postgres://…; the worker requires it, as it shares the API's database",
    parse: databaseUrl,
  }),
  jwtSecret: variable({
    name: 'JWT_SECRET',
    roles: ['api'],
    description: 'HS256 secret, at least 32 characters; generated into ./data outside production',
    parse: jwtSecret,
  }),
  jwtIssuer: variable({
    name: 'JWT_ISSUER',
    roles: ['api'],
    default: 'spinout',
    description: 'expected `iss` of tokens',
    parse: verbatim,
  }),
  jwtAudience: variable({
    name: 'JWT_AUDIENCE',
    roles: ['api'],
    description: 'expected `aud` of tokens; not checked when unset',
    parse: optionalText,
  }),
  jwtMaxTtlSeconds: variable({
    name: 'JWT_MAX_TTL_SECONDS',
    roles: ['api'],
    default: String(12 * 3600),
    description: 'longest lifetime (exp − iat) a token may have',
    parse: wholeNumber(60, 30 * 86400, 'a whole number of seconds from 60 to 2592000'),
  }),
  production: variable({
    name: 'NODE_ENV',
    roles: ['api'],
    description: '`production` makes the rules for secrets stricter and refuses the demo',
    parse: isProduction,
  }),
  logLevel: variable({
    name: 'LOG_LEVEL',
    roles: ['api', 'worker'],
    default: 'log',
    description: 'the most detailed level logged',
    parse: oneOf(LOG_LEVELS),
  }),
  logFormat: variable({
    name: 'LOG_FORMAT',
    roles: ['api', 'worker'],
    description: 'json or pretty; unset: pretty when standard output is a terminal, json otherwise',
    parse: optional(oneOf(LOG_FORMATS)),
  }),
  seedDemo: variable({
    name: 'SPINOUT_DEMO',
    roles: ['api'],
    default: 'false',
    description: 'seed the demo programme at start-up',
    parse: demoSwitch,
  }),
  runProcessors: variable({
    name: 'RUN_PROCESSORS',
    roles: ['api'],
    default: 'true',
    description: 'host the processors in this process',
    parse: flag,
  }),
  processorPollMs: variable({
    name: 'PROCESSOR_POLL_MS',
    roles: ['api', 'worker'],
    default: '200',
    description: 'how often an idle processor looks for events written by other processes',
    parse: wholeNumber(10, Infinity, 'a whole number of milliseconds ≥ 10'),
  }),
  processorBatchIntervalMs: variable({
    name: 'PROCESSOR_BATCH_INTERVAL_MS',
    roles: ['api', 'worker'],
    default: '100',
    description: 'under a stream of events, the shortest time between the starts of two batches of one processor',
    parse: wholeNumber(0, 10_000, 'a whole number of milliseconds from 0 to 10000'),
  }),
  businessTimeZone: variable({
    name: 'BUSINESS_TIMEZONE',
    roles: ['api', 'worker'],
    default: DEFAULT_BUSINESS_TIME_ZONE,
    description:
      'IANA time zone that decides what a day and a month are: the date of a command, today, the end of an as-of date, whether a month has ended',
    parse: (text = '', { name, problem }) => {
      if (!isTimeZone(text)) problem(`${name} must be an IANA time zone such as Asia/Shanghai, got "${text}"`);
      return text;
    },
  }),
  ratingScheme: variable({
    name: 'RATING_SCHEME',
    roles: ['api', 'worker'],
    default: 'cn_performance',
    description:
      'how provider scores are graded: cn_performance (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below) or uk_procurement_act (good ≥ 90, approaching target ≥ 75, requires improvement ≥ 50, inadequate below) (ADR 018)',
    parse: oneOf(RATING_SCHEME_IDS),
  }),
  kafkaBrokers: variable({
    name: 'KAFKA_BROKERS',
    roles: ['api', 'worker'],
    default: '',
    description: 'Kafka bootstrap servers, host:port,…; Kafka is off when empty',
    parse: hostPortList,
  }),
  kafkaClientId: variable({
    name: 'KAFKA_CLIENT_ID',
    roles: ['api', 'worker'],
    default: { api: 'spinout', worker: 'spinout-worker' },
    description: 'Kafka client id',
    parse: trimmedName,
  }),
  kafkaGroupId: variable({
    name: 'KAFKA_GROUP_ID',
    roles: ['api', 'worker'],
    default: 'spinout',
    description: 'consumer group of the tender-outcomes consumer',
    parse: trimmedName,
  }),
  kafkaMaxClockSkewSeconds: variable({
    name: 'KAFKA_MAX_CLOCK_SKEW_SECONDS',
    roles: ['api', 'worker'],
    default: '300',
    description: "how far ahead of its receipt an inbound message's ce_time may be",
    parse: wholeNumber(0, 86_400, 'a whole number of seconds from 0 to 86400'),
  }),
  idempotencyClaimLeaseSeconds: variable({
    name: 'IDEMPOTENCY_CLAIM_LEASE_SECONDS',
    roles: ['api'],
    default: '30',
    description: "how long a request's claim of an Idempotency-Key holds before a retry may take it over",
    parse: wholeNumber(1, 3600, 'a whole number of seconds from 1 to 3600'),
  }),
  idempotencyRetentionHours: variable({
    name: 'IDEMPOTENCY_RETENTION_HOURS',
    roles: ['api'],
    default: '24',
    description: "how long a command's stored response is replayed for its Idempotency-Key",
    parse: wholeNumber(1, 8760, 'a whole number of hours from 1 to 8760'),
  }),
  workerHttpPort: variable({
    name: 'WORKER_HTTP_PORT',
    roles: ['worker'],
    default: '9464',
    description: "port of the worker's /health and /metrics; 0 turns them off",
    parse: wholeNumber(0, 65535, 'a port number 0–65535'),
  }),
};

export type ConfigSchema = typeof CONFIG_SCHEMA;
