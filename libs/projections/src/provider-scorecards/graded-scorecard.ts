import { gradeOf, type RatingSchemeId } from '@spinout/domain/contract';
import type { ProviderScorecardRow } from './provider-scorecard.row';

/** A scorecard's rating: its score graded when it is read, in the scheme configured (`RATING_SCHEME`). */
export interface ScorecardRating {
  /** The grade's code in `ratingScheme`. */
  rating: string;
  ratingScheme: RatingSchemeId;
  /** 1 for the scheme's best grade, then 2, 3 … */
  ratingGrade: number;
  /** The grade's name in English. */
  ratingLabel: string;
  ratingLabels: { 'zh-CN': string; en: string };
}

export type GradedScorecardRow = ProviderScorecardRow & ScorecardRating;

export function graded<Row extends ProviderScorecardRow>(row: Row, scheme: RatingSchemeId): Row & ScorecardRating {
  const grade = gradeOf(scheme, row.score);
  return {
    ...row,
    rating: grade.code,
    ratingScheme: scheme,
    ratingGrade: grade.rank,
    ratingLabel: grade.labels.en,
    ratingLabels: { ...grade.labels },
  };
}
