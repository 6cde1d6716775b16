/**
 * The bare baseline of `npm run bench:http`: the same framework and platform as Spinout (NestJS 11
 * on Express), the register-service-unit body validated by class-validator through a
 * ValidationPipe with Spinout's options, and one INSERT of a row as large as the event Spinout
 * stores, through a pg pool of Spinout's size. No authentication, no event log, no projections:
 * what any NestJS service doing this much costs on this machine, measured in the same run.
 *
 * Run by the bench as a child process of its own. Environment: PORT, DATABASE_URL (PostgreSQL),
 * BASELINE_POOL_SIZE (Spinout's pool: 10).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  Inject,
  Module,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  ValidationPipe,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Response } from 'express';
import { Pool } from 'pg';
import { BaselinePageDto, BaselineRegisterDto } from './baseline.dto';

const POOL = Symbol('POOL');

@Controller('baseline')
class BaselineController {
  constructor(@Inject(POOL) private readonly pool: Pool) {}

  @Post('service-units')
  async register(@Body() body: BaselineRegisterDto, @Res({ passthrough: true }) res: Response) {
    const id = randomUUID();
    const metadata = { actor: 'baseline', correlationId: randomUUID(), occurredAt: new Date().toISOString() };
    const data = { unitId: id, ...body, registeredAt: metadata.occurredAt, registeredBy: metadata.actor };
    // Stream id, type and a 64-character key as the event row has them, so the rows weigh the same (~1 kB).
    const key = id.replace(/-/g, '').repeat(2);
    await this.pool.query(
      'INSERT INTO baseline_units (id, stream_id, type, name, data, metadata, key) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [
        id,
        `serviceUnit-${id}`,
        'ServiceUnitRegistered',
        body.name,
        JSON.stringify(data),
        JSON.stringify(metadata),
        key,
      ],
    );
    res.setHeader('Location', `/baseline/service-units/${id}`);
    res.setHeader('ETag', '"1"');
    return { id, version: 1 };
  }

  @Get('service-units/:id')
  async get(@Param('id', new ParseUUIDPipe()) id: string) {
    const { rows } = await this.pool.query<{ data: Record<string, unknown> }>(
      'SELECT data FROM baseline_units WHERE id = $1',
      [id],
    );
    if (rows.length === 0) throw new NotFoundException();
    return { id, version: 1, ...rows[0].data };
  }

  /** A page of 50 rows by name with the total, like a view list. */
  @Get('service-units')
  async list(@Query() query: BaselinePageDto) {
    const limit = query.limit ?? 50;
    const count = await this.pool.query<{ total: string }>('SELECT COUNT(*) AS total FROM baseline_units');
    const page = await this.pool.query(
      'SELECT id, name, data, created_at FROM baseline_units ORDER BY name, id LIMIT $1',
      [limit],
    );
    return { items: page.rows, total: Number(count.rows[0].total), limit, offset: 0 };
  }

  @Get('health')
  health() {
    return { status: 'up' };
  }
}

@Module({
  controllers: [BaselineController],
  providers: [
    {
      provide: POOL,
      useFactory: () =>
        new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BASELINE_POOL_SIZE ?? 10) }),
    },
  ],
})
class BaselineModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BaselineModule, { logger: ['error', 'warn'] });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
    }),
  );
  const pool = app.get<Pool>(POOL);
  await pool.query(`CREATE TABLE IF NOT EXISTS baseline_units (
    id uuid PRIMARY KEY, stream_id text NOT NULL, type text NOT NULL, name text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
    key text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  await pool.query('CREATE INDEX IF NOT EXISTS baseline_units_name ON baseline_units (name, id)');
  await app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
