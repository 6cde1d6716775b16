/**
 * The shape of every view list's answer, for the OpenAPI document. A page either follows an
 * `offset` (and says so) or a `cursor`; what was counted depends on `total` (README, views).
 */
export class ViewPageDto {
  /** The rows of this page, in the order asked for (one row of the view each). */
  items!: object[];
  /**
   * Rows matching the filters over all pages. Present on a page without a cursor when at most
   * 10,000 rows match, and on any page asked with `total=exact`; absent otherwise.
   */
  total?: number;
  /** In place of `total` when a page without a cursor stopped counting: more rows than this match. Ask `total=exact` to count them all. */
  totalExceeds?: number;
  limit!: number;
  /** Rows skipped before this page; absent on a page read after a cursor. */
  offset?: number;
  /** Pass as `cursor` (with the same filters, sort and order) for the next page; null on the last page. */
  nextCursor!: string | null;
}

/** A list whose rows count overdue milestones as of a day. */
export class AsOfViewPageDto extends ViewPageDto {
  /** The day overdue milestones were counted on (YYYY-MM-DD). */
  asOf!: string;
}
