import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/**
 * The baseline's copy of Spinout's register-service-unit body: the same fields, nesting and
 * rules (see apps/api/src/service-units/service-unit.dto.ts), kept apart so that the baseline
 * does not move when the service's code does.
 */
const ID = /^[A-Za-z0-9._:/-]{1,100}$/;
const CATEGORIES = [
  'canteen',
  'motor_pool',
  'property',
  'cleaning',
  'security',
  'reception',
  'printing',
  'landscaping',
  'staff_housing',
  'other',
];

export class BaselineMoneyDto {
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) amountMinor!: number;
  @IsOptional() @Matches(/^[A-Z]{3}$/) currency: string = 'CNY';
}

export class BaselineAssetDto {
  @Matches(ID) assetId!: string;
  @IsString() @IsNotEmpty() @MaxLength(500) description!: string;
  @ValidateNested() @Type(() => BaselineMoneyDto) bookValue!: BaselineMoneyDto;
}

export class BaselineRegisterDto {
  @IsString() @IsNotEmpty() @MaxLength(200) agency!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsIn(CATEGORIES) category!: string;
  @IsInt() @Min(0) establishmentHeadcount!: number;
  @ValidateNested() @Type(() => BaselineMoneyDto) annualCostBaseline!: BaselineMoneyDto;
  @IsArray()
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => BaselineAssetDto)
  assets: BaselineAssetDto[] = [];
}

export class BaselinePageDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}
