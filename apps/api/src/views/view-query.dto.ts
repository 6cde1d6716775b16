import { Transform, Type, type TransformFnParams } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { YEAR_MONTH_PATTERN } from '@spinout/domain';
import { MAX_LIMIT, MAX_OFFSET } from '@spinout/projections';

/** Query-string helpers shared by the views' DTOs. */

/** `a,b` or repeated `x=a&x=b` → ['a', 'b']. */
export const toList = ({ value }: TransformFnParams): unknown =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value])
        .flatMap((item) => String(item).split(','))
        .map((item) => item.trim())
        .filter((item) => item !== '');

/** `true` / `false` → booleans; anything else is left for @IsBoolean to reject. */
export const toBoolean = ({ value }: TransformFnParams): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export const ID = /^[A-Za-z0-9._:/-]{1,100}$/;
export const ID_MESSAGE = '$property must be 1–100 letters, digits or . _ : / -';
export const MONTH_PATTERN = YEAR_MONTH_PATTERN;
export const MONTH_MESSAGE = '$property must be a month YYYY-MM';

/** Paging shared by every list: `limit` (1–200, default 50), `offset`, `order` of the chosen `sort`. */
export class PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LIMIT) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_OFFSET) offset?: number;
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
}
