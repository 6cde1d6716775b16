import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CREDIT_RULE_KINDS,
  CreditRuleKind,
  MAX_MEASUREMENT_MAGNITUDE,
  SLA_DIRECTIONS,
  SlaDirection,
  TERMINATION_REASONS,
  TerminationReason,
  TERMINATION_ROUTES,
  TerminationRoute,
  YEAR_MONTH_PATTERN,
} from '@spinout/domain';
import { DATE_MESSAGE, DATE_PATTERN, MoneyDto } from '../http/dto/money.dto';

const ID = /^[A-Za-z0-9._:/-]{1,100}$/;
const ID_MESSAGE = '$property must be 1–100 letters, digits or . _ : / -';
export const PERIOD = YEAR_MONTH_PATTERN;
const PERIOD_MESSAGE = '$property must be a month written YYYY-MM';

/** A named constant: the OpenAPI plugin drops a property whose @Min argument is a negated identifier. */
const MIN_MEASUREMENT = -MAX_MEASUREMENT_MAGNITUDE;

export class PeriodDto {
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) start!: string;
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) end!: string;
}

export class CreditRuleDto {
  @IsIn(CREDIT_RULE_KINDS) kind!: CreditRuleKind;
  /** For `fixed_percent`: percent of the monthly charge per breached period. */
  @IsOptional() @IsNumber() @Min(0) @Max(100) percentOfCharge?: number;
  /** For `linear`: percent of the monthly charge per unit of shortfall. */
  @IsOptional() @IsNumber() @Min(0) @Max(100) perUnitPercent?: number;
}

export class SlaDto {
  @Matches(/^[A-Za-z0-9_.-]{1,60}$/, { message: 'slaId must be 1–60 letters, digits, _ . or -' }) slaId!: string;
  @IsString() @IsNotEmpty() @MaxLength(300) title!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) metric!: string;
  @IsString() @IsNotEmpty() @MaxLength(40) unit!: string;
  @IsIn(SLA_DIRECTIONS) direction!: SlaDirection;
  @IsNumber({ allowNaN: false, allowInfinity: false }) target!: number;
  @IsNumber({ allowNaN: false, allowInfinity: false }) criticalThreshold!: number;
  @IsNumber() @Min(0) weight!: number;
  @ValidateNested() @Type(() => CreditRuleDto) creditRule!: CreditRuleDto;
  @IsNumber() @Min(0) @Max(100) capPercent!: number;
}

export class TerminationRuleDto {
  @IsInt() @Min(1) criticalBreachesAllowed!: number;
  @IsInt() @Min(1) windowMonths!: number;
}

export class DraftContractDto {
  @IsString() @IsNotEmpty() unitId!: string;
  @IsString() @IsNotEmpty() providerId!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) agency!: string;
  @Matches(ID, { message: ID_MESSAGE }) procurementId!: string;
  @Matches(ID, { message: ID_MESSAGE }) awardId!: string;
  @ValidateNested() @Type(() => MoneyDto) totalValue!: MoneyDto;
  @ValidateNested() @Type(() => PeriodDto) period!: PeriodDto;
  @ValidateNested() @Type(() => MoneyDto) monthlyCharge!: MoneyDto;
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => SlaDto) slas: SlaDto[] = [];
  @IsOptional() @ValidateNested() @Type(() => TerminationRuleDto) terminationRule?: TerminationRuleDto;
  @IsOptional() @IsNumber() @Min(0) @Max(100) creditCapPercent?: number;
}

export class ContractChangesDto {
  @IsOptional() @ValidateNested() @Type(() => MoneyDto) totalValue?: MoneyDto;
  @IsOptional() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) periodEnd?: string;
  @IsOptional() @ValidateNested() @Type(() => MoneyDto) monthlyCharge?: MoneyDto;
  @IsOptional() @IsArray() @ArrayNotEmpty() @ValidateNested({ each: true }) @Type(() => SlaDto) slas?: SlaDto[];
}

export class AmendContractDto {
  @Matches(ID, { message: ID_MESSAGE }) amendmentId!: string;
  @IsString() @IsNotEmpty() @MaxLength(5000) rationale!: string;
  @ValidateNested() @Type(() => ContractChangesDto) changes!: ContractChangesDto;
}

export class RenewContractDto {
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) newEnd!: string;
  @IsString() @IsNotEmpty() @MaxLength(5000) rationale!: string;
}

export class TerminateContractDto {
  @IsIn(TERMINATION_REASONS) reason!: TerminationReason;
  @IsString() @IsNotEmpty() @MaxLength(5000) detail!: string;
  /** What becomes of the service unit: a new tender (default) or back in-house. */
  @IsOptional() @IsIn(TERMINATION_ROUTES) unitRoute?: TerminationRoute;
}

export class ContractReasonDto {
  @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}

export class MeasurementDto {
  @Matches(/^[A-Za-z0-9_.-]{1,60}$/, { message: 'slaId must be 1–60 letters, digits, _ . or -' }) slaId!: string;
  @Matches(PERIOD, { message: PERIOD_MESSAGE }) period!: string;
  /** In the SLA's unit; the contract refuses values outside the range the unit allows (0–100 for %). */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(MIN_MEASUREMENT)
  @Max(MAX_MEASUREMENT_MAGNITUDE)
  value!: number;
  @IsOptional() @Matches(DATE_PATTERN, { message: DATE_MESSAGE }) rectificationDueDate?: string;
}

export class CorrectionDto extends MeasurementDto {
  @IsString() @IsNotEmpty() @MaxLength(5000) reason!: string;
}

export class CloseRectificationDto {
  @IsString() @IsNotEmpty() @MaxLength(10000) evidence!: string;
}

export class InvoiceDto {
  @Matches(ID, { message: ID_MESSAGE }) invoiceId!: string;
  @Matches(PERIOD, { message: PERIOD_MESSAGE }) period!: string;
  @ValidateNested() @Type(() => MoneyDto) grossCharge!: MoneyDto;
  /** Why the gross charge exceeds the monthly charge in force; required exactly when it does. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000) overchargeReason?: string;
}

export class PaymentDto {
  @ValidateNested() @Type(() => MoneyDto) amount!: MoneyDto;
  @Matches(ID, { message: ID_MESSAGE }) paymentRef!: string;
}
