/**
 * Stream ids are the domain's (`@spinout/domain`, shared/streams.ts); re-exported here for the
 * modules that still import them from the workflow library. New code imports them from the domain.
 */
export { idInStream, STREAM_CATEGORIES, streamIdOf, type AggregateName } from '@spinout/domain';
