import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx } from '../commands/command-context.decorator';
import { CommandSender } from '../commands/command-sender';
import type { RequestContext } from '../commands/request-context';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { RecordAwardService } from './record-award.service';
import {
  AssetHandoverDto, CancelProcurementDto, RecordAwardDto, ReopenDto, RequestProcurementDto, StaffCountsDto, StartTransitionDto,
} from './service-unit.dto';

const Id = () => Param('id', new ParseUUIDPipe());

/** A service unit's way out: procurement, award, transition of staff and assets, completion, reopening. */
@ApiTags('service units')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller('service-units')
export class UnitTransitionController {
  constructor(
    private readonly commands: CommandSender,
    private readonly awards: RecordAwardService,
  ) {}

  @Post(':id/procurement')
  requestProcurement(@Id() id: string, @Body() body: RequestProcurementDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'RequestProcurement', body, ctx);
  }

  @Post(':id/procurement/cancel') @HttpCode(200)
  cancelProcurement(@Id() id: string, @Body() body: CancelProcurementDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'CancelProcurement', body, ctx);
  }

  @Post(':id/award') @HttpCode(200)
  award(@Id() id: string, @Body() body: RecordAwardDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.awards.record(res, id, body, ctx);
  }

  @Post(':id/transition') @HttpCode(200)
  startTransition(@Id() id: string, @Body() body: StartTransitionDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'StartTransition', body, ctx);
  }

  @Post(':id/staff/plan') @HttpCode(200)
  planStaff(@Id() id: string, @Body() body: StaffCountsDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'PlanStaffDiversion', body, ctx);
  }

  @Post(':id/staff/outcome') @HttpCode(200)
  staffOutcome(@Id() id: string, @Body() body: StaffCountsDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'RecordStaffOutcome', body, ctx);
  }

  @Post(':id/assets/:assetId/handover') @HttpCode(200)
  handOver(@Id() id: string, @Param('assetId') assetId: string, @Body() body: AssetHandoverDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'RecordAssetHandover', { assetId, ...body }, ctx);
  }

  @Post(':id/transition/complete') @HttpCode(200)
  completeTransition(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'CompleteTransition', {}, ctx);
  }

  @Post(':id/charge-back/complete') @HttpCode(200)
  completeChargeBack(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'CompleteChargeBack', {}, ctx);
  }

  @Post(':id/reopen') @HttpCode(200)
  reopen(@Id() id: string, @Body() body: ReopenDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'serviceUnit', id, 'ReopenAfterTermination', body, ctx);
  }
}
