import { type ConfigOf, loadConfigFor } from '@spinout/config';

export { ConfigError, DEFAULT_DATABASE_URL, type LogFormat, type LogLevel } from '@spinout/config';

/**
 * Everything the API reads from its environment, validated once at start-up: one field per
 * variable of the shared schema (@spinout/config) the API reads. The fields below are optional
 * for those who build a configuration by hand (tests): their users default them.
 */
export type AppConfig = Omit<ConfigOf<'api'>, OptionalField> & Partial<Pick<ConfigOf<'api'>, OptionalField>>;
type OptionalField =
  | 'jwtAudience'
  | 'logFormat'
  | 'kafkaMaxClockSkewSeconds'
  | 'idempotencyClaimLeaseSeconds'
  | 'idempotencyRetentionHours'
  | 'ratingScheme';

/** Reads and checks the API's environment; throws one ConfigError listing every problem found. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return loadConfigFor('api', env);
}

export const APP_CONFIG = Symbol('APP_CONFIG');
