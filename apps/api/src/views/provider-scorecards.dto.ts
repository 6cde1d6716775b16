import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { RATING_CODES } from '@spinout/domain/contract';
import { SCORECARD_SORT_KEYS, type ScorecardSortKey } from '@spinout/projections';
import { ID, ID_MESSAGE, MONTH_MESSAGE, MONTH_PATTERN, PageQueryDto, toList } from './view-query.dto';

export class ProviderScorecardsQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(Object.keys(SCORECARD_SORT_KEYS)) sort?: ScorecardSortKey;
  @IsOptional() @Matches(ID, { message: ID_MESSAGE }) providerId?: string;
  @IsOptional() @Transform(toList) @IsIn(RATING_CODES, { each: true }) rating?: string[];
  @IsOptional() @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE }) periodFrom?: string;
  @IsOptional() @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE }) periodTo?: string;
}
