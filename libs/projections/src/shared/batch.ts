/**
 * Events per batch for every projection. Each batch costs a few loads and one upsert per
 * table whatever its size, so larger batches rebuild faster; 1000 keeps a batch's statements
 * well under both databases' parameter limits.
 */
export const DEFAULT_PROJECTION_BATCH = 1000;
