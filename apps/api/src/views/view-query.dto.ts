import { Type, type TransformFnParams } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { YEAR_MONTH_PATTERN } from '@spinout/domain';
import { MAX_CURSOR_LENGTH, MAX_LIMIT, MAX_OFFSET, TOTAL_MODES, type TotalMode } from '@spinout/projections';
import { CSV_LANGUAGES, type CsvLanguage } from './csv-columns';

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
export const toBoolean = ({ value }: TransformFnParams): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export const ID = /^[A-Za-z0-9._:/-]{1,100}$/;
export const ID_MESSAGE = '$property must be 1–100 letters, digits or . _ : / -';
export const MONTH_PATTERN = YEAR_MONTH_PATTERN;
export const MONTH_MESSAGE = '$property must be a month YYYY-MM';

/** What every list takes to answer as a file instead of a page (see `csvExport`). */
export class ExportQueryDto {
  /** `csv`: every matching row (all pages) as a CSV file, UTF-8 with a byte order mark; paging parameters are ignored. */
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
  /** Language of the CSV headings; unset: English if the browser prefers it, else Chinese. */
  @IsOptional() @IsIn(CSV_LANGUAGES) lang?: CsvLanguage;
}

/**
 * Paging shared by every list: `limit` (1–200, default 50), `order` of the chosen `sort`, and
 * either `offset` or `cursor` (a previous page's `nextCursor`), with `total` saying what to count.
 */
export class PageQueryDto extends ExportQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LIMIT) limit?: number;
  /** Rows to skip; not with `cursor`. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_OFFSET) offset?: number;
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  /** The previous page's `nextCursor`, with the same filters, `sort` and `order`: the page after it, however deep. Not with `offset`. */
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: '$property must be a nextCursor of this list' })
  cursor?: string;
  /** `exact`: count every matching row; `none`: count nothing. Unset: a page without a cursor counts up to 10,000 rows, a page after a cursor counts nothing. */
  @IsOptional() @IsIn(TOTAL_MODES) total?: TotalMode;
}
