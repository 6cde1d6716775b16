/** Value vocabularies of a service unit; the strings are stored in events and never renamed. */

export const SERVICE_CATEGORIES = [
  'canteen',
  'motor_pool',
  'property',
  'cleaning',
  'security',
  'reception',
  'printing',
  'landscaping',
  'staff_housing',
  'other',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/**
 * Where a unit stands in the reform. `retained` is the stage after a `retain` plan is
 * approved: the unit stays in-house, but unlike `in_house` the decision to keep it is on
 * record, so the progress view can count it as decided rather than not yet looked at.
 */
export const SERVICE_UNIT_STAGES = [
  'in_house',
  'plan_proposed',
  'plan_approved',
  'procurement',
  'awarded',
  'transition',
  'outsourced',
  'spun_off',
  'charge_back',
  'retained',
] as const;
export type ServiceUnitStage = (typeof SERVICE_UNIT_STAGES)[number];

export const REFORM_MODES = ['outsource', 'spin_off', 'charge_back', 'retain'] as const;
export type ReformMode = (typeof REFORM_MODES)[number];

export const MILESTONE_KINDS = ['plan_approval', 'tender', 'award', 'handover', 'other'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const ASSET_DISPOSITIONS = ['transferred', 'leased', 'retained', 'disposed'] as const;
export type AssetDisposition = (typeof ASSET_DISPOSITIONS)[number];

export const DISPOSAL_METHODS = ['auction', 'scrap'] as const;
export type DisposalMethod = (typeof DISPOSAL_METHODS)[number];

export const PROCUREMENT_FAILURES = ['cancelled', 'unsuccessful'] as const;
export type ProcurementFailure = (typeof PROCUREMENT_FAILURES)[number];

export const TERMINATION_ROUTES = ['retender', 'insource'] as const;
export type TerminationRoute = (typeof TERMINATION_ROUTES)[number];

/** Stages a completed transition ends in, by plan mode. */
export type TransitionOutcome = 'outsourced' | 'spun_off';

/** Staff of the establishment by disposition. Counts only: no staff names ever enter the log. */
export interface StaffCounts {
  readonly transferred: number;
  readonly redeployed: number;
  readonly retired: number;
  readonly left: number;
}

export const staffTotal = (counts: StaffCounts): number =>
  counts.transferred + counts.redeployed + counts.retired + counts.left;
