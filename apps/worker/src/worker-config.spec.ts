import { loadWorkerConfig, WorkerConfigError } from './worker-config';

describe('worker configuration', () => {
  it('reads the database, the brokers and the Kafka names, with defaults for the names', () => {
    expect(loadWorkerConfig({ DATABASE_URL: 'postgres://db/spinout', KAFKA_BROKERS: 'k1:9092, k2:9092' })).toEqual({
      databaseUrl: 'postgres://db/spinout',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      kafkaClientId: 'spinout-worker',
      kafkaGroupId: 'spinout',
      kafkaMaxClockSkewSeconds: 300,
      processorPollMs: 200,
      processorBatchIntervalMs: 100,
      ratingScheme: 'cn_performance',
      businessTimeZone: 'Asia/Shanghai',
      logLevel: 'log',
      logFormat: undefined,
      workerHttpPort: 9464,
    });
    expect(
      loadWorkerConfig({
        DATABASE_URL: 'sqlite:./data/x.sqlite',
        KAFKA_CLIENT_ID: 'w-2',
        KAFKA_GROUP_ID: 'g',
        KAFKA_MAX_CLOCK_SKEW_SECONDS: '60',
      }),
    ).toMatchObject({ kafkaBrokers: [], kafkaClientId: 'w-2', kafkaGroupId: 'g', kafkaMaxClockSkewSeconds: 60 });
  });

  it('reads the rating scheme of published scorecards, and refuses one it does not know', () => {
    expect(
      loadWorkerConfig({ DATABASE_URL: 'sqlite:./data/x.sqlite', RATING_SCHEME: 'uk_procurement_act' }),
    ).toMatchObject({ ratingScheme: 'uk_procurement_act' });
    expect(() => loadWorkerConfig({ DATABASE_URL: 'sqlite:./data/x.sqlite', RATING_SCHEME: 'letters' })).toThrow(
      'RATING_SCHEME must be one of cn_performance, uk_procurement_act, got "letters"',
    );
  });

  it('reads the business time zone, and refuses a name that is not an IANA zone', () => {
    expect(
      loadWorkerConfig({ DATABASE_URL: 'sqlite:./data/x.sqlite', BUSINESS_TIMEZONE: 'Asia/Urumqi' }),
    ).toMatchObject({ businessTimeZone: 'Asia/Urumqi' });
    expect(() =>
      loadWorkerConfig({ DATABASE_URL: 'sqlite:./data/x.sqlite', BUSINESS_TIMEZONE: 'Asia/Beijing' }),
    ).toThrow('BUSINESS_TIMEZONE must be an IANA time zone such as Asia/Shanghai, got "Asia/Beijing"');
  });

  it('reads the log format and the port of /health and /metrics (0: off)', () => {
    expect(
      loadWorkerConfig({ DATABASE_URL: 'sqlite:./data/x.sqlite', LOG_FORMAT: 'pretty', WORKER_HTTP_PORT: '0' }),
    ).toMatchObject({ logFormat: 'pretty', workerHttpPort: 0 });
    expect(() => loadWorkerConfig({ DATABASE_URL: 'sqlite:./data/x.sqlite', LOG_FORMAT: 'xml' })).toThrow(
      'LOG_FORMAT must be one of json, pretty, got "xml"',
    );
    expect(() => loadWorkerConfig({ DATABASE_URL: 'sqlite:./data/x.sqlite', WORKER_HTTP_PORT: '70000' })).toThrow(
      'WORKER_HTTP_PORT',
    );
  });

  it('lists every problem at once', () => {
    expect(() => loadWorkerConfig({ KAFKA_BROKERS: 'nohost', PROCESSOR_POLL_MS: '1' })).toThrow(WorkerConfigError);
    try {
      loadWorkerConfig({ KAFKA_BROKERS: 'nohost', PROCESSOR_POLL_MS: '1', KAFKA_MAX_CLOCK_SKEW_SECONDS: 'soon' });
    } catch (error) {
      expect((error as WorkerConfigError).problems).toHaveLength(4);
    }
  });
});
