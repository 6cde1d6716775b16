/** Logs, correlation ids and metrics of the API and the worker. */
export * from './correlation';
export * from './cached-probe';
export * from './logging/service-logger';
export * from './metrics/service-metrics';
