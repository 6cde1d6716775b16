import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../commands/command-context';
import { Ctx } from '../commands/command-context.decorator';
import { CommandInterceptor } from '../commands/command.interceptor';
import { CommandSender } from '../commands/command-sender';
import { RecordAwardCommand } from './record-award.command';
import {
  AssetHandoverDto,
  CancelProcurementDto,
  RecordAwardDto,
  ReopenDto,
  RequestProcurementDto,
  StaffCountsDto,
  StartTransitionDto,
} from './service-unit.dto';

const Id = () => Param('id', new ParseUUIDPipe());

/** A service unit's way out: procurement, award, transition of staff and assets, completion, reopening. */
@ApiTags('service units')
@ApiBearerAuth()
@UseInterceptors(CommandInterceptor)
@Controller('service-units')
export class UnitTransitionController {
  constructor(private readonly commands: CommandSender) {}

  @Post(':id/procurement')
  requestProcurement(@Id() id: string, @Body() body: RequestProcurementDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'RequestProcurement', body, ctx);
  }

  @Post(':id/procurement/cancel')
  @HttpCode(200)
  cancelProcurement(@Id() id: string, @Body() body: CancelProcurementDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'CancelProcurement', body, ctx);
  }

  @Post(':id/award')
  @HttpCode(200)
  award(@Id() id: string, @Body() body: RecordAwardDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(new RecordAwardCommand(id, body, ctx));
  }

  @Post(':id/transition')
  @HttpCode(200)
  startTransition(@Id() id: string, @Body() body: StartTransitionDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'StartTransition', body, ctx);
  }

  @Post(':id/staff/plan')
  @HttpCode(200)
  planStaff(@Id() id: string, @Body() body: StaffCountsDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'PlanStaffDiversion', body, ctx);
  }

  @Post(':id/staff/outcome')
  @HttpCode(200)
  staffOutcome(@Id() id: string, @Body() body: StaffCountsDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'RecordStaffOutcome', body, ctx);
  }

  @Post(':id/assets/:assetId/handover')
  @HttpCode(200)
  handOver(
    @Id() id: string,
    @Param('assetId') assetId: string,
    @Body() body: AssetHandoverDto,
    @Ctx() ctx: CommandContext,
  ) {
    return this.commands.send('serviceUnit', id, 'RecordAssetHandover', { assetId, ...body }, ctx);
  }

  @Post(':id/transition/complete')
  @HttpCode(200)
  completeTransition(@Id() id: string, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'CompleteTransition', {}, ctx);
  }

  @Post(':id/charge-back/complete')
  @HttpCode(200)
  completeChargeBack(@Id() id: string, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'CompleteChargeBack', {}, ctx);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  reopen(@Id() id: string, @Body() body: ReopenDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'ReopenAfterTermination', body, ctx);
  }
}
