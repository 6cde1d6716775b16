import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

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

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DATE_MESSAGE = '$property must be a calendar date YYYY-MM-DD';
