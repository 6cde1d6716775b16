import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { SqlDatabase } from '@spinout/event-store';
import { Public } from '../auth/auth.decorators';
import { SQL_DATABASE } from '../database/database.tokens';
import { ProcessorStatuses } from './processor-statuses.service';

/**
 * Liveness and readiness: 200 when the database answers, 503 when it does not. Processors are
 * reported (lag, last progress, parked events) but do not make the API unready: a parked event
 * needs a person, not a restart.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly processors: ProcessorStatuses,
  ) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    const databaseUp = await this.db.ping();
    if (!databaseUp) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    const processors = databaseUp ? await this.processors.all() : [];
    const parked = processors.reduce((sum, processor) => sum + processor.parked, 0);
    return {
      status: !databaseUp ? 'down' : parked > 0 ? 'degraded' : 'ok',
      live: true,
      database: { dialect: this.db.dialect, up: databaseUp },
      processors,
    };
  }
}
