import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AggregateReader } from '../commands/aggregate-reader';
import type { CommandContext } from '../commands/command-context';
import { Ctx } from '../commands/command-context.decorator';
import { Creates, ETagFromVersion, NewId } from '../commands/command-outcome.decorators';
import { CommandInterceptor } from '../commands/command.interceptor';
import { CommandSender } from '../commands/command-sender';
import { MilestoneDto, ReasonDto, ReformPlanDto, RegisterServiceUnitDto } from './service-unit.dto';

const Id = () => Param('id', new ParseUUIDPipe());

/** Service units: registration, reads, the reform plan and milestones. Thin: DTO in, command out. */
@ApiTags('service units')
@ApiBearerAuth()
@UseInterceptors(CommandInterceptor)
@Controller('service-units')
export class ServiceUnitsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly reader: AggregateReader,
  ) {}

  @Post()
  @Creates('/service-units')
  register(@NewId() unitId: string, @Body() body: RegisterServiceUnitDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', unitId, 'RegisterServiceUnit', { unitId, ...body }, ctx);
  }

  @Get(':id')
  @ETagFromVersion()
  async get(@Id() id: string) {
    const unit = await this.reader.load('serviceUnit', id);
    return { id, version: unit.version, ...unit.state };
  }

  @Get(':id/history')
  async history(@Id() id: string) {
    return this.reader.history('serviceUnit', id);
  }

  @Post(':id/plan')
  propose(@Id() id: string, @Body() body: ReformPlanDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'ProposeReformPlan', body, ctx);
  }

  @Post(':id/plan/revise')
  @HttpCode(200)
  revise(@Id() id: string, @Body() body: ReformPlanDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'ReviseReformPlan', body, ctx);
  }

  @Post(':id/plan/approve')
  @HttpCode(200)
  approve(@Id() id: string, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'ApproveReformPlan', {}, ctx);
  }

  @Post(':id/plan/reject')
  @HttpCode(200)
  reject(@Id() id: string, @Body() body: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'RejectReformPlan', body, ctx);
  }

  @Post(':id/milestones')
  scheduleMilestone(@Id() id: string, @Body() body: MilestoneDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'ScheduleMilestone', body, ctx);
  }

  @Post(':id/milestones/:milestoneId/complete')
  @HttpCode(200)
  completeMilestone(@Id() id: string, @Param('milestoneId') milestoneId: string, @Ctx() ctx: CommandContext) {
    return this.commands.send('serviceUnit', id, 'CompleteMilestone', { milestoneId }, ctx);
  }
}
