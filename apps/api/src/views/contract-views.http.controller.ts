import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ContractsQuery, SettlementsQuery, SlaComplianceQuery } from '@spinout/projections';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { ContractsQueryDto, SettlementsQueryDto, SlaComplianceQueryDto } from './contract-views.dto';
import { pageOrCsv } from './csv-export';
import { ViewPageDto } from './view-page.dto';
import { found } from './view-readers';

/** Contract managers' and finance views: contracts, SLA compliance per period, settlements. */
@ApiTags('views')
@ApiBearerAuth()
@Controller('views')
export class ContractViewsController {
  constructor(
    private readonly contracts: ContractsQuery,
    private readonly compliance: SlaComplianceQuery,
    private readonly settlements: SettlementsQuery,
  ) {}

  @Get('contracts')
  @ApiOkResponse({ type: ViewPageDto })
  listContracts(@Query() query: ContractsQueryDto, @Req() request: AuthenticatedRequest) {
    return pageOrCsv(request, 'contracts', query, (filter) => this.contracts.list(filter));
  }

  @Get('contracts/:contractId')
  async contract(@Param('contractId') contractId: string) {
    return found(
      await this.contracts.get(contractId),
      'contract_view_not_found',
      `No contract ${contractId} in the contracts view`,
    );
  }

  @Get('sla-compliance')
  @ApiOkResponse({ type: ViewPageDto })
  listCompliance(@Query() query: SlaComplianceQueryDto, @Req() request: AuthenticatedRequest) {
    return pageOrCsv(request, 'slaCompliance', query, (filter) => this.compliance.list(filter));
  }

  @Get('settlements')
  @ApiOkResponse({ type: ViewPageDto })
  listSettlements(@Query() query: SettlementsQueryDto, @Req() request: AuthenticatedRequest) {
    return pageOrCsv(request, 'settlements', query, (filter) => this.settlements.list(filter));
  }
}
