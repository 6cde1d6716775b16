export * from './unified-social-credit-code';
export * from './provider.commands';
export * from './provider.events';
export * from './provider.state';
export { providerDecider, decideProvider, evolveProvider } from './provider.decider';
export { PROVIDER_ERRORS, PROVIDER_ERROR_CODES, type ProviderErrorCode } from './provider.errors';
export * from './provider.eligibility';
