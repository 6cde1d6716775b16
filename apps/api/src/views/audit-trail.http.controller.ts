import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditTrailQuery } from '@spinout/projections';
import { AuditTrailQueryDto } from './audit-trail.dto';

/** Who did what, when and why: per stream or per actor, a page at a time (pass `nextCursor` as `cursor`). */
@ApiTags('views')
@ApiBearerAuth()
@Controller('views/audit-trail')
export class AuditTrailController {
  constructor(private readonly audit: AuditTrailQuery) {}

  @Get()
  list(@Query() query: AuditTrailQueryDto) {
    return this.audit.list(query);
  }
}
