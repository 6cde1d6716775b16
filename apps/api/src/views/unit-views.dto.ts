import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  REFORM_MODES,
  SERVICE_CATEGORIES,
  SERVICE_UNIT_STAGES,
  type ReformMode,
  type ServiceCategory,
} from '@spinout/domain';
import {
  REFORM_PROGRESS_SORT_KEYS,
  UNIT_SORT_KEYS,
  type ReformProgressSortKey,
  type UnitSortKey,
} from '@spinout/projections';
import { DATE_MESSAGE, DATE_PATTERN } from '../http/dto/money.dto';
import { ID, ID_MESSAGE, PageQueryDto, toBoolean, toList } from './view-query.dto';

export class UnitsQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(Object.keys(UNIT_SORT_KEYS)) sort?: UnitSortKey;
  @IsOptional() @IsString() @MaxLength(200) agency?: string;
  @IsOptional() @IsIn(SERVICE_CATEGORIES) category?: ServiceCategory;
  /** One or more stages, comma-separated. */
  @IsOptional() @Transform(toList) @IsIn(SERVICE_UNIT_STAGES, { each: true }) stage?: string[];
  @IsOptional() @IsIn(REFORM_MODES) planMode?: ReformMode;
  @IsOptional() @Matches(ID, { message: ID_MESSAGE }) providerId?: string;
  @IsOptional() @Matches(ID, { message: ID_MESSAGE }) contractId?: string;
  /** true: only units with a milestone due before `asOf`; false: only units without one. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() overdue?: boolean;
  /** The day overdue milestones are counted on (YYYY-MM-DD); today in the business time zone (BUSINESS_TIMEZONE) by default. */
  @IsOptional() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) asOf?: string;
}

export class UnitViewQueryDto {
  @IsOptional() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) asOf?: string;
}

export class ReformProgressQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(Object.keys(REFORM_PROGRESS_SORT_KEYS)) sort?: ReformProgressSortKey;
  @IsOptional() @IsString() @MaxLength(200) agency?: string;
  @IsOptional() @IsIn(SERVICE_CATEGORIES) category?: ServiceCategory;
  /** Only groups with a milestone due before `asOf`. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() overdueOnly?: boolean;
  @IsOptional() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) asOf?: string;
}
