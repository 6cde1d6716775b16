import type { ContractStatus, SlaOutcome, TerminationReason } from '@spinout/domain/contract';
import { col, type TableSpec } from '../sql/table';

/** The latest measured period of one SLA and its outcome. */
export interface LatestOutcome {
  readonly period: string;
  readonly outcome: SlaOutcome;
}

/**
 * One contract for contract managers. Money in minor units of `currency` (the contract's).
 * Breach counts and credits are over the latest figures of every (SLA, period): a correction
 * replaces what it corrects. Compliance is the share of SLAs whose latest measured period was met.
 */
export interface ContractRow {
  contractId: string;
  unitId: string;
  providerId: string;
  agency: string;
  procurementId: string;
  awardId: string;
  status: ContractStatus;
  currency: string;
  totalValueMinor: number;
  monthlyChargeMinor: number;
  /** YYYY-MM-DD */
  periodStart: string;
  periodEnd: string;
  creditCapPercent: number;
  slaCount: number;
  /** Per SLA id: its latest measured period and outcome. */
  latestOutcomes: Record<string, LatestOutcome>;
  /** Percent (0–100, two decimals) of `latestOutcomes` that are met; null before any measurement. */
  compliancePercent: number | null;
  measurements: number;
  corrections: number;
  /** Breached or critically breached (SLA, period)s; `criticalBreaches` counts the critical ones. */
  breaches: number;
  criticalBreaches: number;
  /** Σ service credits of the latest measurements (each SLA's own cap applied). */
  creditsTotalMinor: number;
  /** Σ credits applied in settlements (after the contract-wide cap). */
  creditsAppliedMinor: number;
  paidMinor: number;
  openRectifications: number;
  amendments: number;
  renewals: number;
  draftedAt: string;
  signedAt: string | null;
  activatedAt: string | null;
  endedAt: string | null;
  terminationReason: TerminationReason | null;
  version: number;
  updatedAt: string;
}

export const CONTRACTS_TABLE: TableSpec<ContractRow> = {
  name: 'contracts',
  key: ['contractId'],
  columns: {
    contractId: col.text,
    unitId: col.text,
    providerId: col.text,
    agency: col.text,
    procurementId: col.text,
    awardId: col.text,
    status: col.text,
    currency: col.text,
    totalValueMinor: col.bigint,
    monthlyChargeMinor: col.bigint,
    periodStart: col.text,
    periodEnd: col.text,
    creditCapPercent: col.real,
    slaCount: col.integer,
    latestOutcomes: col.json,
    compliancePercent: col.real.null,
    measurements: col.integer,
    corrections: col.integer,
    breaches: col.integer,
    criticalBreaches: col.integer,
    creditsTotalMinor: col.bigint,
    creditsAppliedMinor: col.bigint,
    paidMinor: col.bigint,
    openRectifications: col.integer,
    amendments: col.integer,
    renewals: col.integer,
    draftedAt: col.text,
    signedAt: col.text.null,
    activatedAt: col.text.null,
    endedAt: col.text.null,
    terminationReason: col.text.null,
    version: col.integer,
    updatedAt: col.text,
  },
};
