/** The processors this process hosts (process managers, projections, the Kafka relay). */
export const PROCESSORS = Symbol('PROCESSORS');
