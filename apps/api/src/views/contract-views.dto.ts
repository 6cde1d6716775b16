import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { CONTRACT_STATUSES, SETTLEMENT_STATUSES, SLA_OUTCOMES } from '@spinout/domain/contract';
import {
  CONTRACT_SORT_KEYS,
  SETTLEMENT_SORT_KEYS,
  SLA_COMPLIANCE_SORT_KEYS,
  type ContractSortKey,
  type SettlementSortKey,
  type SlaComplianceSortKey,
} from '@spinout/projections';
import { DATE_MESSAGE, DATE_PATTERN } from '../http/dto/money.dto';
import { ID, ID_MESSAGE, MONTH_MESSAGE, MONTH_PATTERN, PageQueryDto, toBoolean, toList } from './view-query.dto';

export class ContractsQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(Object.keys(CONTRACT_SORT_KEYS)) sort?: ContractSortKey;
  @IsOptional() @Transform(toList) @IsIn(CONTRACT_STATUSES, { each: true }) status?: string[];
  @IsOptional() @IsString() @MaxLength(200) agency?: string;
  @IsOptional() @Matches(ID, { message: ID_MESSAGE }) providerId?: string;
  @IsOptional() @Matches(ID, { message: ID_MESSAGE }) unitId?: string;
  /** Contracts whose period overlaps [activeFrom, activeTo]. */
  @IsOptional() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) activeFrom?: string;
  @IsOptional() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) activeTo?: string;
}

/** Month range shared by the per-period views. */
class PeriodRangeDto extends PageQueryDto {
  @IsOptional() @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE }) periodFrom?: string;
  @IsOptional() @Matches(MONTH_PATTERN, { message: MONTH_MESSAGE }) periodTo?: string;
}

export class SlaComplianceQueryDto extends PeriodRangeDto {
  @IsOptional() @IsIn(Object.keys(SLA_COMPLIANCE_SORT_KEYS)) sort?: SlaComplianceSortKey;
  @IsOptional() @Matches(ID, { message: ID_MESSAGE }) contractId?: string;
  @IsOptional() @Matches(ID, { message: ID_MESSAGE }) slaId?: string;
  @IsOptional() @Matches(ID, { message: ID_MESSAGE }) providerId?: string;
  @IsOptional() @Transform(toList) @IsIn(SLA_OUTCOMES, { each: true }) outcome?: string[];
  @IsOptional() @Transform(toBoolean) @IsBoolean() corrected?: boolean;
}

export class SettlementsQueryDto extends PeriodRangeDto {
  @IsOptional() @IsIn(Object.keys(SETTLEMENT_SORT_KEYS)) sort?: SettlementSortKey;
  @IsOptional() @Matches(ID, { message: ID_MESSAGE }) contractId?: string;
  @IsOptional() @Transform(toList) @IsIn(SETTLEMENT_STATUSES, { each: true }) status?: string[];
  @IsOptional() @Matches(ID, { message: ID_MESSAGE }) providerId?: string;
  @IsOptional() @IsString() @MaxLength(200) agency?: string;
}
