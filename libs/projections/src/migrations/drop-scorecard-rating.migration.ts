import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RATING_SCHEMES, FIRST_RATING_SCHEME } from '@spinout/domain/contract';
import { addNullableColumn, dropColumn } from './ddl';

/**
 * The scorecards view grades each score when it is read, in the scheme configured then
 * (`RATING_SCHEME`, ADR 018), so the grade it stored in the scheme of its day goes. Going back
 * restores the column with that scheme's grades, computed from the stored scores.
 */
export class DropScorecardRating1735000000000 implements MigrationInterface {
  name = 'DropScorecardRating1735000000000';

  async up(runner: QueryRunner): Promise<void> {
    await dropColumn(runner, 'provider_scorecards', 'rating');
  }

  async down(runner: QueryRunner): Promise<void> {
    await addNullableColumn(runner, 'provider_scorecards', 'rating', 'text');
    const grades = RATING_SCHEMES[FIRST_RATING_SCHEME];
    const cases = grades.map((grade) => `WHEN score >= ${grade.min} THEN '${grade.code}'`).join(' ');
    await runner.query(`UPDATE provider_scorecards SET rating = CASE ${cases} END`);
  }
}
