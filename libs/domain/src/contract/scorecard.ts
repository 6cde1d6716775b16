import { assertNever, invalid } from '../shared';
import { type SlaOutcome } from './contract.values';

/** Score of one SLA for one period, for the provider scorecard: met 100, breached 50, critical 0. */
export function slaScore(outcome: SlaOutcome): number {
  switch (outcome) {
    case 'met':
      return 100;
    case 'breached':
      return 50;
    case 'critically_breached':
      return 0;
    default:
      return assertNever(outcome);
  }
}

/**
 * A rating scheme grades a 0–100 score. Its id and grade codes are stored and published; the
 * labels are for people. `cn_performance` (the default): the four grades of the Ministry of
 * Finance's measures for project expenditure performance evaluation (财预〔2020〕10号, art. 26:
 * 90–100 优, 80–90 良, 60–80 中, below 60 差). `uk_procurement_act`: the performance ratings
 * of the UK Procurement Act 2023 guidance on key performance indicators. Sources in ADR 018.
 */
export interface RatingGrade {
  /** Stored and published; unique within its scheme only. */
  readonly code: string;
  /** The lowest score of the grade (inclusive); the grade ends where the one above begins. */
  readonly min: number;
  readonly labels: { readonly 'zh-CN': string; readonly en: string };
}

export const RATING_SCHEMES = {
  cn_performance: [
    { code: 'excellent', min: 90, labels: { 'zh-CN': '优', en: 'Excellent' } },
    { code: 'good', min: 80, labels: { 'zh-CN': '良', en: 'Good' } },
    { code: 'fair', min: 60, labels: { 'zh-CN': '中', en: 'Fair' } },
    { code: 'poor', min: 0, labels: { 'zh-CN': '差', en: 'Poor' } },
  ],
  uk_procurement_act: [
    { code: 'good', min: 90, labels: { 'zh-CN': '良好', en: 'Good' } },
    { code: 'approaching_target', min: 75, labels: { 'zh-CN': '接近目标', en: 'Approaching target' } },
    { code: 'requires_improvement', min: 50, labels: { 'zh-CN': '需要改进', en: 'Requires improvement' } },
    { code: 'inadequate', min: 0, labels: { 'zh-CN': '不合格', en: 'Inadequate' } },
  ],
} as const satisfies Record<string, readonly RatingGrade[]>;

export type RatingSchemeId = keyof typeof RATING_SCHEMES;
export const RATING_SCHEME_IDS = Object.keys(RATING_SCHEMES) as RatingSchemeId[];
export const DEFAULT_RATING_SCHEME: RatingSchemeId = 'cn_performance';
/** The scheme of scorecards recorded before schemes were configurable. */
export const FIRST_RATING_SCHEME: RatingSchemeId = 'uk_procurement_act';

export type RatingCode = (typeof RATING_SCHEMES)[RatingSchemeId][number]['code'];
/** Every grade code of every scheme, each once. */
export const RATING_CODES: readonly RatingCode[] = [
  ...new Set(Object.values(RATING_SCHEMES).flatMap((grades) => grades.map((grade) => grade.code))),
];

export function isRatingScheme(value: unknown): value is RatingSchemeId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RATING_SCHEMES, value);
}

/** The grade of a score (0–100, taken as given: the scorecard rounds before it grades), 1 = the best. */
export function gradeOf(scheme: RatingSchemeId, score: number): RatingGrade & { readonly rank: number } {
  if (!Number.isFinite(score) || score < 0 || score > 100) {
    throw invalid('invalid_score', `A score must be a number from 0 to 100; got ${String(score)}`, { score });
  }
  const grades: readonly RatingGrade[] = RATING_SCHEMES[scheme];
  const index = grades.findIndex((grade) => score >= grade.min);
  return { ...grades[index], rank: index + 1 };
}

/** The grade code of a score in a scheme. */
export function ratingOf(scheme: RatingSchemeId, score: number): RatingCode {
  return gradeOf(scheme, score).code as RatingCode;
}

/** The scores a grade covers: `min` inclusive, `below` exclusive (none for the top grade). */
export function scoreRangeOf(scheme: RatingSchemeId, code: string): { min: number; below?: number } | undefined {
  const grades: readonly RatingGrade[] = RATING_SCHEMES[scheme];
  const index = grades.findIndex((grade) => grade.code === code);
  if (index < 0) return undefined;
  return index === 0 ? { min: grades[0].min } : { min: grades[index].min, below: grades[index - 1].min };
}
