import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { ServiceUnitState } from '@spinout/domain';
import { AggregateReader } from '../commands/aggregate-reader';
import { Ctx } from '../commands/command-context.decorator';
import { CommandSender } from '../commands/command-sender';
import type { RequestContext } from '../commands/request-context';
import { versionEtag } from '../http/etag';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { MilestoneDto, ReasonDto, ReformPlanDto, RegisterServiceUnitDto } from './service-unit.dto';

const Id = () => Param('id', new ParseUUIDPipe());

/** Service units: registration, reads, the reform plan and milestones. Thin: DTO in, command out. */
@ApiTags('service units')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller('service-units')
export class ServiceUnitsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly reader: AggregateReader,
  ) {}

  @Post()
  async register(@Body() body: RegisterServiceUnitDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const unitId = randomUUID();
    res.setHeader('Location', `/service-units/${unitId}`);
    return this.commands.send(res, 'serviceUnit', unitId, 'RegisterServiceUnit', { unitId, ...body }, ctx);
  }

  @Get(':id')
  async get(@Id() id: string, @Res({ passthrough: true }) res: Response) {
    const unit = await this.reader.load<ServiceUnitState>('serviceUnit', id);
    res.setHeader('ETag', versionEtag(unit.version));
    return { id, version: unit.version, ...unit.state };
  }

  @Get(':id/history')
  async history(@Id() id: string) {
    return this.reader.history('serviceUnit', id);
  }

  @Post(':id/plan')
  propose(@Id() id: string, @Body() body: ReformPlanDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'ProposeReformPlan', body, ctx);
  }

  @Post(':id/plan/revise') @HttpCode(200)
  revise(@Id() id: string, @Body() body: ReformPlanDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'ReviseReformPlan', body, ctx);
  }

  @Post(':id/plan/approve') @HttpCode(200)
  approve(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'ApproveReformPlan', {}, ctx);
  }

  @Post(':id/plan/reject') @HttpCode(200)
  reject(@Id() id: string, @Body() body: ReasonDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'RejectReformPlan', body, ctx);
  }

  @Post(':id/milestones')
  scheduleMilestone(@Id() id: string, @Body() body: MilestoneDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'ScheduleMilestone', body, ctx);
  }

  @Post(':id/milestones/:milestoneId/complete') @HttpCode(200)
  completeMilestone(@Id() id: string, @Param('milestoneId') milestoneId: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'CompleteMilestone', { milestoneId }, ctx);
  }
}
