export { seedDemoProgramme } from './demo-programme';
export type { SeedDemoOptions } from './demo-programme';
export type { DemoSummary } from './demo-summary';
export type { DemoLogger } from './demo-sender';
