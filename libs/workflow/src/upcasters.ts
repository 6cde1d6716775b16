import { Upcasters } from '@spinout/event-store';

/**
 * Every schema change of a stored event, as an upcaster from the old shape to the next. Stored
 * events never change; they are read through this chain, and new events are written with the
 * current version of their type.
 *
 * - AwardRecorded 1 → 2: awards gained `contractPeriod` (the period the tender states). Awards
 *   recorded before did not state one: they read as `contractPeriod: null`, which is exactly what
 *   a version-2 award without a stated period holds.
 */
export function spinoutUpcasters(): Upcasters {
  return new Upcasters([
    { type: 'AwardRecorded', fromSchemaVersion: 1, upcast: (data) => ({ contractPeriod: null, ...(data as object) }) },
  ]);
}
