export * from './service-unit.values';
export * from './service-unit.commands';
export * from './service-unit.events';
export * from './service-unit.state';
export { serviceUnitDecider, decideServiceUnit } from './service-unit.decider';
export { SERVICE_UNIT_ERRORS, SERVICE_UNIT_ERROR_CODES, type ServiceUnitErrorCode } from './service-unit.errors';
export { evolveServiceUnit } from './service-unit.evolve';
export { tenderMilestoneOnPublication } from './service-unit.milestones.decide';
