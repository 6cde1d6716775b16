import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { ContractState } from '@spinout/domain';
import { AggregateReader } from '../commands/aggregate-reader';
import { Ctx } from '../commands/command-context.decorator';
import { CommandSender } from '../commands/command-sender';
import type { RequestContext } from '../commands/request-context';
import { versionEtag } from '../http/etag';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { AmendContractDto, ContractReasonDto, DraftContractDto, RenewContractDto, TerminateContractDto } from './contract.dto';
import { ContractSigningService } from './contract-signing.service';

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
  draft(@Body() body: DraftContractDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const contractId = randomUUID();
    res.setHeader('Location', `/contracts/${contractId}`);
    return this.commands.send(res, 'contract', contractId, 'DraftContract', { contractId, ...body }, ctx);
  }

  @Get(':id')
  async get(@Id() id: string, @Res({ passthrough: true }) res: Response) {
    const contract = await this.reader.load<ContractState>('contract', id);
    res.setHeader('ETag', versionEtag(contract.version));
    return { id, version: contract.version, ...contract.state };
  }

  @Get(':id/history')
  async history(@Id() id: string) {
    return this.reader.history('contract', id);
  }

  @Post(':id/sign') @HttpCode(200)
  sign(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.signing.sign(res, id, ctx);
  }

  @Post(':id/activate') @HttpCode(200)
  activate(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'ActivateContract', { contractId: id }, ctx);
  }

  @Post(':id/suspend') @HttpCode(200)
  suspend(@Id() id: string, @Body() body: ContractReasonDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'SuspendContract', { contractId: id, ...body }, ctx);
  }

  @Post(':id/resume') @HttpCode(200)
  resume(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'ResumeContract', { contractId: id }, ctx);
  }

  @Post(':id/amendments')
  amend(@Id() id: string, @Body() body: AmendContractDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'AmendContract', { contractId: id, ...body }, ctx);
  }

  @Post(':id/renew') @HttpCode(200)
  renew(@Id() id: string, @Body() body: RenewContractDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'RenewContract', { contractId: id, ...body }, ctx);
  }

  @Post(':id/expire') @HttpCode(200)
  expire(@Id() id: string, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'ExpireContract', { contractId: id }, ctx);
  }

  @Post(':id/terminate') @HttpCode(200)
  terminate(@Id() id: string, @Body() body: TerminateContractDto, @Ctx() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    return this.commands.send(res, 'contract', id, 'TerminateContract', { contractId: id, ...body }, ctx);
  }
}
