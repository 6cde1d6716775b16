import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { csvExport } from './csv-export';
import { ContractsQuery, SettlementsQuery, SlaComplianceQuery } from '@spinout/projections';
import { ContractsQueryDto, SettlementsQueryDto, SlaComplianceQueryDto } from './contract-views.dto';
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
    if (query.format === 'csv') return csvExport(request, 'contracts', query, (filter) => this.contracts.list(filter));
    return this.contracts.list(query);
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
    if (query.format === 'csv')
      return csvExport(request, 'slaCompliance', query, (filter) => this.compliance.list(filter));
    return this.compliance.list(query);
  }

  @Get('settlements')
  @ApiOkResponse({ type: ViewPageDto })
  listSettlements(@Query() query: SettlementsQueryDto, @Req() request: AuthenticatedRequest) {
    if (query.format === 'csv')
      return csvExport(request, 'settlements', query, (filter) => this.settlements.list(filter));
    return this.settlements.list(query);
  }
}
