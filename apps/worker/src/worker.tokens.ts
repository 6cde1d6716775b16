/** Injection tokens of the worker's configuration, database and event store. */
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
export const WORKER_DATABASE = Symbol('WORKER_DATABASE');
export const WORKER_EVENT_STORE = Symbol('WORKER_EVENT_STORE');
