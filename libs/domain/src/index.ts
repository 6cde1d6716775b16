export * from './shared';
export * from './service-unit';
export * from './provider';
