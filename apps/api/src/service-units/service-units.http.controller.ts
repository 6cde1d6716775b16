import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { ServiceUnitState } from '@spinout/domain';
import { Roles } from '../auth/auth.decorators';
import { AggregateReader } from '../commands/aggregate-reader';
import { Ctx } from '../commands/command-context.decorator';
import { CommandSender } from '../commands/command-sender';
import type { RequestContext } from '../commands/request-context';
import { versionEtag } from '../http/etag';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import {
  AssetHandoverDto, CancelProcurementDto, MilestoneDto, ReasonDto, RecordAwardDto, ReformPlanDto, RegisterServiceUnitDto, ReopenDto,
  RequestProcurementDto, StaffCountsDto, StartTransitionDto,
} from './service-unit.dto';
import { RecordAwardService } from './record-award.service';

const READERS = ['reform_office', 'approver', 'contract_manager', 'procurement', 'auditor', 'viewer'] as const;
const Id = () => Param('id', new ParseUUIDPipe());

/** Service units: registration, the reform plan, procurement, award and transition. Thin: DTO in, command out. */
@ApiTags('service units')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller('service-units')
export class ServiceUnitsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly reader: AggregateReader,
    private readonly awards: RecordAwardService,
  ) {}

  @Post()
  @Roles('reform_office')
  async register(@Body() body: RegisterServiceUnitDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const unitId = randomUUID();
    res.setHeader('Location', `/service-units/${unitId}`);
    return this.commands.send(res, 'serviceUnit', unitId, 'RegisterServiceUnit', { unitId, ...body }, ctx);
  }

  @Get(':id')
  @Roles(...READERS)
  async get(@Id() id: string, @Res({ passthrough: true }) res: Response) {
    const unit = await this.reader.load<ServiceUnitState>('serviceUnit', id);
    res.setHeader('ETag', versionEtag(unit.version));
    return { id, version: unit.version, ...unit.state };
  }

  @Get(':id/history')
  @Roles('auditor', 'reform_office')
  async history(@Id() id: string) {
    return AggregateReader.history((await this.reader.load('serviceUnit', id)).events);
  }

  @Post(':id/plan')
  @Roles('reform_office')
  propose(@Id() id: string, @Body() body: ReformPlanDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'ProposeReformPlan', body, ctx);
  }

  @Post(':id/plan/revise') @HttpCode(200)
  @Roles('reform_office')
  revise(@Id() id: string, @Body() body: ReformPlanDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'ReviseReformPlan', body, ctx);
  }

  @Post(':id/plan/approve') @HttpCode(200)
  @Roles('approver')
  approve(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'ApproveReformPlan', {}, ctx);
  }

  @Post(':id/plan/reject') @HttpCode(200)
  @Roles('approver')
  reject(@Id() id: string, @Body() body: ReasonDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'RejectReformPlan', body, ctx);
  }

  @Post(':id/procurement')
  @Roles('reform_office')
  requestProcurement(@Id() id: string, @Body() body: RequestProcurementDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'RequestProcurement', body, ctx);
  }

  @Post(':id/procurement/cancel') @HttpCode(200)
  @Roles('procurement')
  cancelProcurement(@Id() id: string, @Body() body: CancelProcurementDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'CancelProcurement', body, ctx);
  }

  @Post(':id/award') @HttpCode(200)
  @Roles('procurement')
  award(@Id() id: string, @Body() body: RecordAwardDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.awards.record(res, id, body, ctx);
  }

  @Post(':id/milestones')
  @Roles('reform_office')
  scheduleMilestone(@Id() id: string, @Body() body: MilestoneDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'ScheduleMilestone', body, ctx);
  }

  @Post(':id/milestones/:milestoneId/complete') @HttpCode(200)
  @Roles('reform_office')
  completeMilestone(@Id() id: string, @Param('milestoneId') milestoneId: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'CompleteMilestone', { milestoneId }, ctx);
  }

  @Post(':id/transition') @HttpCode(200)
  @Roles('reform_office', 'contract_manager')
  startTransition(@Id() id: string, @Body() body: StartTransitionDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'StartTransition', body, ctx);
  }

  @Post(':id/staff/plan') @HttpCode(200)
  @Roles('reform_office')
  planStaff(@Id() id: string, @Body() body: StaffCountsDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'PlanStaffDiversion', body, ctx);
  }

  @Post(':id/staff/outcome') @HttpCode(200)
  @Roles('reform_office')
  staffOutcome(@Id() id: string, @Body() body: StaffCountsDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'RecordStaffOutcome', body, ctx);
  }

  @Post(':id/assets/:assetId/handover') @HttpCode(200)
  @Roles('reform_office')
  handOver(@Id() id: string, @Param('assetId') assetId: string, @Body() body: AssetHandoverDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'RecordAssetHandover', { assetId, ...body }, ctx);
  }

  @Post(':id/transition/complete') @HttpCode(200)
  @Roles('reform_office')
  completeTransition(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'CompleteTransition', {}, ctx);
  }

  @Post(':id/charge-back/complete') @HttpCode(200)
  @Roles('reform_office')
  completeChargeBack(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'CompleteChargeBack', {}, ctx);
  }

  @Post(':id/reopen') @HttpCode(200)
  @Roles('reform_office')
  reopen(@Id() id: string, @Body() body: ReopenDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'ReopenAfterTermination', body, ctx);
  }
}
