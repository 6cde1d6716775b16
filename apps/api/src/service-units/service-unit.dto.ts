import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ASSET_DISPOSITIONS,
  AssetDisposition,
  DISPOSAL_METHODS,
  DisposalMethod,
  MILESTONE_KINDS,
  MilestoneKind,
  PROCUREMENT_FAILURES,
  ProcurementFailure,
  REFORM_MODES,
  ReformMode,
  SERVICE_CATEGORIES,
  ServiceCategory,
  TERMINATION_ROUTES,
  TerminationRoute,
} from '@spinout/domain';
import { DATE_MESSAGE, DATE_PATTERN, MoneyDto } from '../http/dto/money.dto';

const ID = /^[A-Za-z0-9._:/-]{1,100}$/;
const ID_MESSAGE = '$property must be 1–100 letters, digits or . _ : / -';

export class AssetDto {
  @Matches(ID, { message: ID_MESSAGE }) assetId!: string;
  @IsString() @IsNotEmpty() @MaxLength(500) description!: string;
  @ValidateNested() @Type(() => MoneyDto) bookValue!: MoneyDto;
}

export class RegisterServiceUnitDto {
  @IsString() @IsNotEmpty() @MaxLength(200) agency!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsIn(SERVICE_CATEGORIES) category!: ServiceCategory;
  @IsInt() @Min(0) establishmentHeadcount!: number;
  @ValidateNested() @Type(() => MoneyDto) annualCostBaseline!: MoneyDto;
  @IsArray() @ArrayMaxSize(10_000) @ValidateNested({ each: true }) @Type(() => AssetDto) assets: AssetDto[] = [];
}

export class ReformPlanDto {
  @IsIn(REFORM_MODES) mode!: ReformMode;
  @IsArray() @ArrayUnique() @IsString({ each: true }) @IsNotEmpty({ each: true }) managementFunctionsKept: string[] =
    [];
  @IsString() @IsNotEmpty() @MaxLength(5000) rationale!: string;
  @ValidateNested() @Type(() => MoneyDto) targetAnnualCost!: MoneyDto;
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) targetDate!: string;
}

export class ReasonDto {
  @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}

export class RequestProcurementDto {
  @Matches(ID, { message: ID_MESSAGE }) procurementId!: string;
  @ValidateNested() @Type(() => MoneyDto) estimatedValue!: MoneyDto;
  @IsString() @IsNotEmpty() @MaxLength(5000) description!: string;
}

export class ContractPeriodDto {
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) start!: string;
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) end!: string;
}

export class RecordAwardDto {
  @Matches(ID, { message: ID_MESSAGE }) procurementId!: string;
  @Matches(ID, { message: ID_MESSAGE }) awardId!: string;
  @Matches(ID, { message: ID_MESSAGE }) providerId!: string;
  @ValidateNested() @Type(() => MoneyDto) contractValue!: MoneyDto;
  /** The awarded contract's period, when the tender states it; otherwise the draft proposes one. */
  @IsOptional() @ValidateNested() @Type(() => ContractPeriodDto) contractPeriod?: ContractPeriodDto;
}

export class CancelProcurementDto extends ReasonDto {
  @Matches(ID, { message: ID_MESSAGE }) procurementId!: string;
  @IsIn(PROCUREMENT_FAILURES) outcome!: ProcurementFailure;
}

export class MilestoneDto {
  @Matches(ID, { message: ID_MESSAGE }) milestoneId!: string;
  @IsIn(MILESTONE_KINDS) kind!: MilestoneKind;
  @IsString() @IsNotEmpty() @MaxLength(500) title!: string;
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) dueDate!: string;
}

export class StaffCountsDto {
  @IsInt() @Min(0) transferred!: number;
  @IsInt() @Min(0) redeployed!: number;
  @IsInt() @Min(0) retired!: number;
  @IsInt() @Min(0) left!: number;
}

export class AssetHandoverDto {
  @IsIn(ASSET_DISPOSITIONS) disposition!: AssetDisposition;
  @IsOptional() @IsIn(DISPOSAL_METHODS) method?: DisposalMethod;
  @ValidateNested() @Type(() => MoneyDto) valueRealised!: MoneyDto;
}

export class StartTransitionDto {
  @Matches(ID, { message: ID_MESSAGE }) contractId!: string;
}

export class ReopenDto extends ReasonDto {
  @Matches(ID, { message: ID_MESSAGE }) contractId!: string;
  @IsIn(TERMINATION_ROUTES) route!: TerminationRoute;
}
