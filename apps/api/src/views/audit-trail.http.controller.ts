import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditTrailQuery } from '@spinout/projections';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { AuditTrailQueryDto } from './audit-trail.dto';
import { pageOrCsv } from './csv-export';

/** Who did what, when and why: per stream or per actor, a page at a time (pass `nextCursor` as `cursor`). */
@ApiTags('views')
@ApiBearerAuth()
@Controller('views/audit-trail')
export class AuditTrailController {
  constructor(private readonly audit: AuditTrailQuery) {}

  @Get()
  list(@Query() query: AuditTrailQueryDto, @Req() request: AuthenticatedRequest) {
    return pageOrCsv(request, 'auditTrail', query, (filter) => this.audit.list(filter));
  }
}
