export * from './unified-social-credit-code';
export * from './provider.commands';
export * from './provider.events';
export * from './provider.state';
export { providerDecider, decideProvider, evolveProvider } from './provider.decider';
export * from './provider.eligibility';
