import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AggregateReader } from '../commands/aggregate-reader';
import type { CommandContext } from '../commands/command-context';
import { Ctx } from '../commands/command-context.decorator';
import { Creates, ETagFromVersion, NewId } from '../commands/command-outcome.decorators';
import { CommandInterceptor } from '../commands/command.interceptor';
import { CommandSender } from '../commands/command-sender';
import { ReasonDto } from '../service-units/service-unit.dto';
import { RegisterProviderDto, SuspendProviderDto } from './provider.dto';
import { RegisterProviderCommand } from './register-provider.command';

const Id = () => Param('id', new ParseUUIDPipe());

/** Providers: registration with a checked credit code, suspension, reinstatement, debarment. */
@ApiTags('providers')
@ApiBearerAuth()
@UseInterceptors(CommandInterceptor)
@Controller('providers')
export class ProvidersController {
  constructor(
    private readonly commands: CommandSender,
    private readonly reader: AggregateReader,
  ) {}

  @Post()
  @Creates('/providers')
  register(@NewId() providerId: string, @Body() body: RegisterProviderDto, @Ctx() ctx: CommandContext) {
    return this.commands.execute(new RegisterProviderCommand({ providerId, ...body }, ctx));
  }

  @Get(':id')
  @ETagFromVersion()
  async get(@Id() id: string) {
    const provider = await this.reader.load('provider', id);
    return { id, version: provider.version, ...provider.state };
  }

  @Get(':id/history')
  async history(@Id() id: string) {
    return this.reader.history('provider', id);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  suspend(@Id() id: string, @Body() body: SuspendProviderDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('provider', id, 'SuspendProvider', body, ctx);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  reinstate(@Id() id: string, @Body() body: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('provider', id, 'ReinstateProvider', body, ctx);
  }

  @Post(':id/debar')
  @HttpCode(200)
  debar(@Id() id: string, @Body() body: ReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('provider', id, 'DebarProvider', body, ctx);
  }
}
