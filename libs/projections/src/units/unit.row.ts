import type { ContractStatus } from '@spinout/domain/contract';
import type { MilestoneKind, ReformMode, ServiceCategory, ServiceUnitStage } from '@spinout/domain';
import { col, type TableSpec } from '../sql/table';

export interface OpenMilestone {
  readonly milestoneId: string;
  readonly kind: MilestoneKind;
  readonly title: string;
  /** YYYY-MM-DD */
  readonly dueDate: string;
}

/**
 * One service unit as the reform office sees it. Money in minor units of `currency` (the
 * baseline's currency; plans and contracts are drafted in it). Overdue milestones are not
 * stored: they depend on the day you ask, so queries compare the open milestones' due dates
 * with a reference date.
 */
export interface UnitRow {
  unitId: string;
  agency: string;
  name: string;
  category: ServiceCategory;
  currency: string;
  stage: ServiceUnitStage;
  establishment: number;
  baselineCostMinor: number;
  registeredAt: string;
  planMode: ReformMode | null;
  planStatus: 'proposed' | 'approved' | 'rejected' | null;
  planRevision: number | null;
  targetAnnualCostMinor: number | null;
  targetDate: string | null;
  procurementId: string | null;
  providerId: string | null;
  /** The unit's current contract: the last drafted for it, or the one its transition started with. */
  contractId: string | null;
  contractStatus: ContractStatus | null;
  contractMonthlyChargeMinor: number | null;
  /** 12 × the monthly charge while the contract is in service (active or suspended), else null. */
  contractedAnnualCostMinor: number | null;
  staffTransferred: number;
  staffRedeployed: number;
  staffRetired: number;
  staffLeft: number;
  /** Establishment minus the staff the outcome accounts for. */
  staffInHouse: number;
  assetsCount: number;
  assetsHandedOver: number;
  milestonesTotal: number;
  milestonesCompleted: number;
  openMilestones: OpenMilestone[];
  /** The open milestone due first (ties by id). */
  nextMilestoneId: string | null;
  nextMilestoneTitle: string | null;
  nextMilestoneDue: string | null;
  /** Version of the unit's own stream (contract events change the row, not this). */
  version: number;
  updatedAt: string;
}

const unitColumns = {
  unitId: col.text,
  agency: col.text,
  name: col.text,
  category: col.text,
  currency: col.text,
  stage: col.text,
  establishment: col.integer,
  baselineCostMinor: col.bigint,
  registeredAt: col.text,
  planMode: col.text.null,
  planStatus: col.text.null,
  planRevision: col.integer.null,
  targetAnnualCostMinor: col.bigint.null,
  targetDate: col.text.null,
  procurementId: col.text.null,
  providerId: col.text.null,
  contractId: col.text.null,
  contractStatus: col.text.null,
  contractMonthlyChargeMinor: col.bigint.null,
  contractedAnnualCostMinor: col.bigint.null,
  staffTransferred: col.integer,
  staffRedeployed: col.integer,
  staffRetired: col.integer,
  staffLeft: col.integer,
  staffInHouse: col.integer,
  assetsCount: col.integer,
  assetsHandedOver: col.integer,
  milestonesTotal: col.integer,
  milestonesCompleted: col.integer,
  openMilestones: col.json,
  nextMilestoneId: col.text.null,
  nextMilestoneTitle: col.text.null,
  nextMilestoneDue: col.text.null,
  version: col.integer,
  updatedAt: col.text,
} as const;

/** A table of unit rows; `units` is the read model, the progress view keeps a private copy. */
export const unitTable = (name: string): TableSpec<UnitRow> => ({ name, key: ['unitId'], columns: unitColumns });

export const UNITS_TABLE = unitTable('units');
