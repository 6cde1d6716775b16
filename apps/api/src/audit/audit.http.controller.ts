import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ChainVerifier, type SqlDatabase } from '@spinout/event-store';
import { SQL_DATABASE } from '../database/database.tokens';
import { AuditVerifyQueryDto, DEFAULT_VERIFY_LIMIT } from './audit-verify.dto';

/**
 * `GET /audit/verify` (auditors): the tamper check of `npm run verify` over HTTP, a page at a
 * time. Each response checks whole streams, in stream id order, until about `limit` events
 * (10,000 unless given, at most 100,000) were checked, and reports every finding among them;
 * `next`, when present, is the `after` of the following page, and `complete` says whether the
 * page reached the end of the log. The log is verified when every page was `ok`. The work of one
 * request is bounded by its limit, except that a stream longer than the limit is checked whole.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  private readonly verifier: ChainVerifier;

  constructor(@Inject(SQL_DATABASE) db: SqlDatabase) {
    this.verifier = new ChainVerifier(db);
  }

  @Get('verify')
  async verify(@Query() query: AuditVerifyQueryDto) {
    const report = await this.verifier.verify({ after: query.after, maxEvents: query.limit ?? DEFAULT_VERIFY_LIMIT });
    return { ...report, complete: report.next === undefined };
  }
}
