/**
 * Stream ids: `<category>-<id>`, the convention KurrentDB's category projections use. One stream
 * per aggregate instance; the category names are stored in every stream id, so they never change.
 */
export const STREAM_CATEGORIES = { serviceUnit: 'serviceUnit', provider: 'provider', contract: 'contract' } as const;
export type AggregateName = keyof typeof STREAM_CATEGORIES;

export function streamIdOf(name: AggregateName, id: string): string {
  return `${STREAM_CATEGORIES[name]}-${id}`;
}

/** The aggregate id part of a stream id, or undefined for a stream of another category. */
export function idInStream(name: AggregateName, streamId: string): string | undefined {
  const prefix = `${STREAM_CATEGORIES[name]}-`;
  return streamId.startsWith(prefix) ? streamId.slice(prefix.length) : undefined;
}
