/** A provider's monthly scorecard: its weighted score, the facts it is published as, and their stream. */
export * from './provider-scorecard.events';
export * from './provider-scorecard.decider';
export * from './provider-scorecard.scoring';
export * from './weighted-score';
