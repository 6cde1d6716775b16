import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ContractChanges, SlaDefinition } from '@spinout/domain';
import { AggregateReader } from '../commands/aggregate-reader';
import type { CommandContext } from '../commands/command-context';
import { Ctx } from '../commands/command-context.decorator';
import { Creates, ETagFromVersion, NewId } from '../commands/command-outcome.decorators';
import { CommandInterceptor } from '../commands/command.interceptor';
import { CommandSender } from '../commands/command-sender';
import {
  AmendContractDto,
  ContractChangesDto,
  ContractReasonDto,
  DraftContractDto,
  RenewContractDto,
  SlaDto,
  TerminateContractDto,
} from './contract.dto';
import { SignContractCommand } from './sign-contract.command';

const Id = () => Param('id', new ParseUUIDPipe());

/** Contract lifecycle: draft, sign, activate, suspend/resume, amend, renew, expire, terminate. */
@ApiTags('contracts')
@ApiBearerAuth()
@UseInterceptors(CommandInterceptor)
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly reader: AggregateReader,
  ) {}

  @Post()
  @Creates('/contracts')
  draft(@NewId() contractId: string, @Body() body: DraftContractDto, @Ctx() ctx: CommandContext) {
    return this.commands.send(
      'contract',
      contractId,
      'DraftContract',
      { contractId, ...body, slas: slaDefinitions(body.slas) },
      ctx,
    );
  }

  @Get(':id')
  @ETagFromVersion()
  async get(@Id() id: string) {
    const contract = await this.reader.load('contract', id);
    return { id, version: contract.version, ...contract.state };
  }

  @Get(':id/history')
  async history(@Id() id: string) {
    return this.reader.history('contract', id);
  }

  @Post(':id/sign')
  @HttpCode(200)
  sign(@Id() id: string, @Ctx() ctx: CommandContext) {
    return this.commands.execute(new SignContractCommand(id, ctx));
  }

  @Post(':id/activate')
  @HttpCode(200)
  activate(@Id() id: string, @Ctx() ctx: CommandContext) {
    return this.commands.send('contract', id, 'ActivateContract', { contractId: id }, ctx);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  suspend(@Id() id: string, @Body() body: ContractReasonDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('contract', id, 'SuspendContract', { contractId: id, ...body }, ctx);
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Id() id: string, @Ctx() ctx: CommandContext) {
    return this.commands.send('contract', id, 'ResumeContract', { contractId: id }, ctx);
  }

  @Post(':id/amendments')
  amend(@Id() id: string, @Body() body: AmendContractDto, @Ctx() ctx: CommandContext) {
    return this.commands.send(
      'contract',
      id,
      'AmendContract',
      { contractId: id, ...body, changes: contractChanges(body.changes) },
      ctx,
    );
  }

  @Post(':id/renew')
  @HttpCode(200)
  renew(@Id() id: string, @Body() body: RenewContractDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('contract', id, 'RenewContract', { contractId: id, ...body }, ctx);
  }

  @Post(':id/expire')
  @HttpCode(200)
  expire(@Id() id: string, @Ctx() ctx: CommandContext) {
    return this.commands.send('contract', id, 'ExpireContract', { contractId: id }, ctx);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  terminate(@Id() id: string, @Body() body: TerminateContractDto, @Ctx() ctx: CommandContext) {
    return this.commands.send('contract', id, 'TerminateContract', { contractId: id, ...body }, ctx);
  }
}

/*
 * SLAs as the request carries them, typed as the domain's definitions. A request's credit rule is
 * one flat object whose `kind` says which percent applies; the contract decider reads it by that
 * kind and refuses a rule without its percent (draft-rules.ts), so only the type changes here.
 */
function slaDefinitions(slas: SlaDto[]): readonly SlaDefinition[] {
  return slas as readonly SlaDefinition[];
}

function contractChanges(changes: ContractChangesDto): ContractChanges {
  return changes as ContractChanges;
}
