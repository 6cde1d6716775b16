export * from './shared';
export * from './service-unit';
export * from './provider';
export * from './contract';
export * from './provider-scorecard';
