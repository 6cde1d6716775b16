import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { ProviderState } from '@spinout/domain';
import type { EventStore } from '@spinout/event-store';
import { registerProvider, UniqueClaims } from '@spinout/workflow';
import { AggregateReader } from '../commands/aggregate-reader';
import { Ctx } from '../commands/command-context.decorator';
import { CommandSender } from '../commands/command-sender';
import { eventMetadata, RequestContext } from '../commands/request-context';
import { EVENT_STORE } from '../database/database.tokens';
import { versionEtag } from '../http/etag';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { ReasonDto } from '../service-units/service-unit.dto';
import { RegisterProviderDto, SuspendProviderDto } from './provider.dto';

const Id = () => Param('id', new ParseUUIDPipe());

/** Providers: registration with a checked credit code, suspension, reinstatement, debarment. */
@ApiTags('providers')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller('providers')
export class ProvidersController {
  constructor(
    private readonly commands: CommandSender,
    private readonly reader: AggregateReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly claims: UniqueClaims,
  ) {}

  @Post()
  async register(@Body() body: RegisterProviderDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const providerId = randomUUID();
    res.setHeader('Location', `/providers/${providerId}`);
    const result = await registerProvider(this.store, this.claims, { data: { providerId, ...body }, actor: ctx.principal.id, at: ctx.at, metadata: eventMetadata(ctx) });
    res.setHeader('ETag', versionEtag(result.version));
    return { id: providerId, version: result.version };
  }

  @Get(':id')
  async get(@Id() id: string, @Res({ passthrough: true }) res: Response) {
    const provider = await this.reader.load<ProviderState>('provider', id);
    res.setHeader('ETag', versionEtag(provider.version));
    return { id, version: provider.version, ...provider.state };
  }

  @Get(':id/history')
  async history(@Id() id: string) {
    return this.reader.history('provider', id);
  }

  @Post(':id/suspend') @HttpCode(200)
  suspend(@Id() id: string, @Body() body: SuspendProviderDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'provider', id, 'SuspendProvider', body, ctx);
  }

  @Post(':id/reinstate') @HttpCode(200)
  reinstate(@Id() id: string, @Body() body: ReasonDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'provider', id, 'ReinstateProvider', body, ctx);
  }

  @Post(':id/debar') @HttpCode(200)
  debar(@Id() id: string, @Body() body: ReasonDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'provider', id, 'DebarProvider', body, ctx);
  }
}
