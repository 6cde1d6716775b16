import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Events checked per request when no limit is given, and at most. */
export const DEFAULT_VERIFY_LIMIT = 10_000;
export const MAX_VERIFY_LIMIT = 100_000;

/** A page of the log to verify: the streams after `after`, up to about `limit` events. */
export class AuditVerifyQueryDto {
  /** The previous page's `next`: the last stream it checked. */
  @IsOptional() @IsString() @MaxLength(300) after?: string;
  /** Events to check at least before stopping at the next stream boundary (streams are checked whole). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_VERIFY_LIMIT) limit?: number;
}
