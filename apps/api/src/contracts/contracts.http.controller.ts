import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { ContractState } from '@spinout/domain';
import { Roles } from '../auth/auth.decorators';
import { AggregateReader } from '../commands/aggregate-reader';
import { Ctx } from '../commands/command-context.decorator';
import { CommandSender } from '../commands/command-sender';
import type { RequestContext } from '../commands/request-context';
import { versionEtag } from '../http/etag';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { AmendContractDto, ContractReasonDto, DraftContractDto, RenewContractDto, TerminateContractDto } from './contract.dto';
import { ContractSigningService } from './contract-signing.service';

const READERS = ['reform_office', 'approver', 'contract_manager', 'procurement', 'auditor', 'viewer'] as const;
const Id = () => Param('id', new ParseUUIDPipe());

/** Contract lifecycle: draft, sign, activate, suspend/resume, amend, renew, expire, terminate. */
@ApiTags('contracts')
@ApiBearerAuth()
@UseInterceptors(IdempotencyInterceptor)
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly commands: CommandSender,
    private readonly reader: AggregateReader,
    private readonly signing: ContractSigningService,
  ) {}

  @Post()
  @Roles('contract_manager')
  draft(@Body() body: DraftContractDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const contractId = randomUUID();
    res.setHeader('Location', `/contracts/${contractId}`);
    return this.commands.send(res, 'contract', contractId, 'DraftContract', { contractId, ...body }, ctx);
  }

  @Get(':id')
  @Roles(...READERS)
  async get(@Id() id: string, @Res({ passthrough: true }) res: Response) {
    const contract = await this.reader.load<ContractState>('contract', id);
    res.setHeader('ETag', versionEtag(contract.version));
    return { id, version: contract.version, ...contract.state };
  }

  @Get(':id/history')
  @Roles('auditor', 'contract_manager')
  async history(@Id() id: string) {
    return AggregateReader.history((await this.reader.load('contract', id)).events);
  }

  @Post(':id/sign') @HttpCode(200)
  @Roles('contract_manager')
  sign(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.signing.sign(res, id, ctx);
  }

  @Post(':id/activate') @HttpCode(200)
  @Roles('contract_manager')
  activate(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'ActivateContract', { contractId: id }, ctx);
  }

  @Post(':id/suspend') @HttpCode(200)
  @Roles('contract_manager')
  suspend(@Id() id: string, @Body() body: ContractReasonDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'SuspendContract', { contractId: id, ...body }, ctx);
  }

  @Post(':id/resume') @HttpCode(200)
  @Roles('contract_manager')
  resume(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'ResumeContract', { contractId: id }, ctx);
  }

  @Post(':id/amendments')
  @Roles('contract_manager')
  amend(@Id() id: string, @Body() body: AmendContractDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'AmendContract', { contractId: id, ...body }, ctx);
  }

  @Post(':id/renew') @HttpCode(200)
  @Roles('contract_manager')
  renew(@Id() id: string, @Body() body: RenewContractDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'RenewContract', { contractId: id, ...body }, ctx);
  }

  @Post(':id/expire') @HttpCode(200)
  @Roles('contract_manager')
  expire(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'ExpireContract', { contractId: id }, ctx);
  }

  @Post(':id/terminate') @HttpCode(200)
  @Roles('contract_manager')
  terminate(@Id() id: string, @Body() body: TerminateContractDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'TerminateContract', { contractId: id, ...body }, ctx);
  }
}
