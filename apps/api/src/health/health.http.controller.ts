import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { SqlDatabase } from '@spinout/event-store';
import { Public } from '../auth/auth.decorators';
import { SQL_DATABASE } from '../database/database.tokens';

/** Liveness and readiness: 200 when the database answers, 503 when it does not. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    const databaseUp = await this.db.ping();
    if (!databaseUp) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: databaseUp ? 'ok' : 'degraded', live: true, database: { dialect: this.db.dialect, up: databaseUp } };
  }
}
