/** What the worker reads from its environment, validated once at start-up. */
export interface WorkerConfig {
  databaseUrl: string;
  /** Kafka is off (projections and process managers only) when empty. */
  kafkaBrokers: string[];
  kafkaClientId: string;
  kafkaGroupId: string;
  /** How far ahead of its receipt an inbound message's `ce_time` may be (300 s when absent); further ahead is dead-lettered. */
  kafkaMaxClockSkewSeconds?: number;
  processorPollMs: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

const LOG_LEVELS: readonly WorkerConfig['logLevel'][] = ['error', 'warn', 'log', 'debug', 'verbose'];

export class WorkerConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'WorkerConfigError';
  }
}

/**
 * DATABASE_URL is required: a worker is the scale-out role and shares the API's database (use
 * PostgreSQL when several processes host processors; SQLite's lease only works within one process).
 */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!/^(postgres(ql)?:\/\/|sqlite:)/.test(databaseUrl)) problems.push(`DATABASE_URL must start with postgres:// or sqlite:, got "${databaseUrl}"`);
  const kafkaBrokers = (env.KAFKA_BROKERS ?? '').split(',').map((broker) => broker.trim()).filter((broker) => broker !== '');
  for (const broker of kafkaBrokers) if (!/^[^:\s]+:\d+$/.test(broker)) problems.push(`KAFKA_BROKERS entries must be host:port, got "${broker}"`);
  const kafkaClientId = env.KAFKA_CLIENT_ID?.trim() || 'spinout-worker';
  const kafkaGroupId = env.KAFKA_GROUP_ID?.trim() || 'spinout';
  const kafkaMaxClockSkewSeconds = Number(env.KAFKA_MAX_CLOCK_SKEW_SECONDS ?? '300');
  if (!Number.isInteger(kafkaMaxClockSkewSeconds) || kafkaMaxClockSkewSeconds < 0 || kafkaMaxClockSkewSeconds > 86_400) {
    problems.push(`KAFKA_MAX_CLOCK_SKEW_SECONDS must be a whole number of seconds from 0 to 86400, got "${env.KAFKA_MAX_CLOCK_SKEW_SECONDS}"`);
  }
  const processorPollMs = Number(env.PROCESSOR_POLL_MS ?? '200');
  if (!Number.isInteger(processorPollMs) || processorPollMs < 10) problems.push(`PROCESSOR_POLL_MS must be a whole number of milliseconds ≥ 10, got "${env.PROCESSOR_POLL_MS}"`);
  const logLevel = (env.LOG_LEVEL ?? 'log') as WorkerConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  if (problems.length > 0) throw new WorkerConfigError(problems);
  return { databaseUrl, kafkaBrokers, kafkaClientId, kafkaGroupId, kafkaMaxClockSkewSeconds, processorPollMs, logLevel };
}
