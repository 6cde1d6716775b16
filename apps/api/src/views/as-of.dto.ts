import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class AsOfQueryDto {
  /** A calendar date YYYY-MM-DD (through the end of that day in the business time zone, BUSINESS_TIMEZONE) or an ISO 8601 instant with an offset. */
  @IsString() @IsNotEmpty() @MaxLength(40) date!: string;
}
