/** The configuration of the API and the worker: one schema of environment variables, and its loader. */
export * from './config-variable';
export * from './config.schema';
export * from './config.loader';
