import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CALENDAR_DATE_PATTERN } from '@spinout/domain';

/** Money as integer minor units (fen for CNY): 1,234.56 CNY is `{ "amountMinor": 123456, "currency": "CNY" }`. */
export class MoneyDto {
  /** Whole minor units, never fractional. */
  @IsInt({ message: 'amountMinor must be a whole number of minor units (no decimals)' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountMinor!: number;

  /** ISO 4217 code; CNY when omitted. */
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as CNY' })
  currency: string = 'CNY';
}

/** The domain's calendar date shape (YYYY-MM-DD); the domain also checks the day exists. */
export const DATE_PATTERN = CALENDAR_DATE_PATTERN;
export const DATE_MESSAGE = '$property must be a calendar date YYYY-MM-DD';
