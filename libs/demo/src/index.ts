/**
 * The demo programme: invented agencies, units, providers and contracts, seeded through the
 * workflow's own commands. Only the API's demo seeder (and tests) import it; the dependency rules
 * keep it out of every other library and of the applications' other code.
 */
export { seedDemoProgramme } from './demo-programme';
export type { SeedDemoOptions } from './demo-programme';
export type { DemoSummary } from './demo-summary';
export type { DemoLogger } from './demo-sender';
