export * from './decider';
export * from './domain-error';
export * from './money';
export * from './unsafe-text';
export * from './subject';
