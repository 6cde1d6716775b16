import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const secret = 'q8Vd2LkT7wPz4NcR1xYb6HsJ0fGm3AeU';

  it('reads a complete environment', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/spinout',
      JWT_SECRET: secret,
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      RUN_PROCESSORS: 'false',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u@db:5432/spinout',
      jwtSecret: secret,
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      runProcessors: false,
      production: true,
    });
  });

  it('lists every problem at once, naming the variable and the value', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        JWT_SECRET: 'short',
        LOG_LEVEL: 'loud',
        KAFKA_BROKERS: 'nohost',
        RUN_PROCESSORS: 'maybe',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(
      /PORT.*"eighty"[\s\S]*DATABASE_URL[\s\S]*JWT_SECRET[\s\S]*LOG_LEVEL[\s\S]*RUN_PROCESSORS[\s\S]*KAFKA_BROKERS/,
    );
  });

  it('requires a secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('JWT_SECRET is required when NODE_ENV=production');
  });

  it('refuses a published placeholder secret in production, and the demo programme', () => {
    const problems = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(
      problems({ NODE_ENV: 'production', JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more' }),
    ).toEqual([expect.stringContaining('JWT_SECRET is a published placeholder')]);
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(48) })).toHaveLength(1);
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: secret, SPINOUT_DEMO: 'true' })).toEqual([
      expect.stringContaining('SPINOUT_DEMO'),
    ]);
    expect(problems({ JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars-or-more' })).toEqual([]);
  });

  it('reads how far ahead an inbound message may be stamped, five minutes unless set', () => {
    expect(loadConfig({ JWT_SECRET: secret })).toMatchObject({ kafkaMaxClockSkewSeconds: 300 });
    expect(loadConfig({ JWT_SECRET: secret, KAFKA_MAX_CLOCK_SKEW_SECONDS: '30' })).toMatchObject({
      kafkaMaxClockSkewSeconds: 30,
    });
    expect(() => loadConfig({ JWT_SECRET: secret, KAFKA_MAX_CLOCK_SKEW_SECONDS: '-1' })).toThrow(
      'KAFKA_MAX_CLOCK_SKEW_SECONDS',
    );
    expect(() => loadConfig({ JWT_SECRET: secret, KAFKA_MAX_CLOCK_SKEW_SECONDS: '5m' })).toThrow(
      'KAFKA_MAX_CLOCK_SKEW_SECONDS',
    );
  });

  it('bounds token lifetimes and reads an expected audience', () => {
    expect(loadConfig({ JWT_SECRET: secret })).toMatchObject({ jwtMaxTtlSeconds: 43_200, jwtAudience: undefined });
    expect(loadConfig({ JWT_SECRET: secret, JWT_MAX_TTL_SECONDS: '900', JWT_AUDIENCE: 'spinout-api' })).toMatchObject({
      jwtMaxTtlSeconds: 900,
      jwtAudience: 'spinout-api',
    });
    expect(() => loadConfig({ JWT_SECRET: secret, JWT_MAX_TTL_SECONDS: '1e9' })).toThrow('JWT_MAX_TTL_SECONDS');
  });

  it('reads the Idempotency-Key claim lease and retention, 30 s and 24 h unless set', () => {
    expect(loadConfig({ JWT_SECRET: secret })).toMatchObject({
      idempotencyClaimLeaseSeconds: 30,
      idempotencyRetentionHours: 24,
    });
    expect(
      loadConfig({ JWT_SECRET: secret, IDEMPOTENCY_CLAIM_LEASE_SECONDS: '3', IDEMPOTENCY_RETENTION_HOURS: '168' }),
    ).toMatchObject({ idempotencyClaimLeaseSeconds: 3, idempotencyRetentionHours: 168 });
    expect(() => loadConfig({ JWT_SECRET: secret, IDEMPOTENCY_CLAIM_LEASE_SECONDS: '0' })).toThrow(
      'IDEMPOTENCY_CLAIM_LEASE_SECONDS',
    );
    expect(() => loadConfig({ JWT_SECRET: secret, IDEMPOTENCY_RETENTION_HOURS: '1.5' })).toThrow(
      'IDEMPOTENCY_RETENTION_HOURS',
    );
  });
});
