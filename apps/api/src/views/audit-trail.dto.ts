import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_LIMIT } from '@spinout/projections';
import { ExportQueryDto } from './view-query.dto';

/** The trail of one stream, or of one actor (both: that actor's events in the stream), in log order. */
export class AuditTrailQueryDto extends ExportQueryDto {
  @IsOptional() @IsString() @MaxLength(200) streamId?: string;
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9]{0,99}$/, { message: '$property must be an event type name' })
  type?: string;
  @IsOptional() @IsString() @MaxLength(200) correlationId?: string;
  /** The previous page's `nextCursor`. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) cursor?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_LIMIT) limit?: number;
  @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
}
