import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const secret = 'x'.repeat(40);

  it('reads a complete environment', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@db:5432/spinout', JWT_SECRET: secret, KAFKA_BROKERS: 'k1:9092, k2:9092', RUN_PROCESSORS: 'false', NODE_ENV: 'production' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@db:5432/spinout', jwtSecret: secret, kafkaBrokers: ['k1:9092', 'k2:9092'], runProcessors: false, production: true });
  });

  it('lists every problem at once, naming the variable and the value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', LOG_LEVEL: 'loud', KAFKA_BROKERS: 'nohost', RUN_PROCESSORS: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/PORT.*"eighty"[\s\S]*DATABASE_URL[\s\S]*JWT_SECRET[\s\S]*LOG_LEVEL[\s\S]*RUN_PROCESSORS[\s\S]*KAFKA_BROKERS/);
  });

  it('requires a secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('JWT_SECRET is required when NODE_ENV=production');
  });
});
