export * from './decider';
export * from './domain-error';
export * from './error-catalogue';
export * from './money';
export * from './unsafe-text';
export * from './subject';
export * from './calendar';
export * from './streams';
export { firstDuplicate, INPUT_RULE_CODES } from './input-rules';
