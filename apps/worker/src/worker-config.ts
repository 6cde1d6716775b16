import { type ConfigOf, loadConfigFor } from '@spinout/config';

/** The worker's configuration errors are the API's: one class, the same messages. */
export { ConfigError as WorkerConfigError } from '@spinout/config';

/**
 * What the worker reads from its environment, validated once at start-up: the variables of the
 * shared schema (@spinout/config) the worker reads. DATABASE_URL is required there: a worker is
 * the scale-out role and shares the API's database (use PostgreSQL when several processes host
 * processors; SQLite's lease only works within one process).
 */
export type WorkerConfig = Omit<ConfigOf<'worker'>, OptionalField> & Partial<Pick<ConfigOf<'worker'>, OptionalField>>;
type OptionalField = 'kafkaMaxClockSkewSeconds' | 'logFormat' | 'workerHttpPort' | 'ratingScheme' | 'businessTimeZone';

export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return loadConfigFor('worker', env);
}
