import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AsOfReader } from '@spinout/projections';
import { AsOfQueryDto } from './as-of.dto';
import { found } from './view-readers';

const Id = () => Param('id', new ParseUUIDPipe());

/**
 * State as of a date, folded from the log (the source of truth), not read from a view:
 * a unit, a contract, or a provider's scorecards. `date` is YYYY-MM-DD (through the end of
 * that day in the business time zone, BUSINESS_TIMEZONE) or an ISO 8601 instant; 404 when the
 * aggregate did not exist yet.
 */
@ApiTags('as of')
@ApiBearerAuth()
@Controller()
export class AsOfController {
  constructor(private readonly asOf: AsOfReader) {}

  @Get('service-units/:id/as-of')
  async unit(@Id() id: string, @Query() query: AsOfQueryDto) {
    const result = found(
      await this.asOf.unit(id, query.date),
      'service_unit_not_found',
      `Service unit ${id} was not registered by ${query.date}`,
    );
    return { id, ...result };
  }

  @Get('contracts/:id/as-of')
  async contract(@Id() id: string, @Query() query: AsOfQueryDto) {
    const result = found(
      await this.asOf.contract(id, query.date),
      'contract_not_found',
      `Contract ${id} was not drafted by ${query.date}`,
    );
    return { id, ...result };
  }

  @Get('providers/:id/scorecard/as-of')
  async providerScorecard(@Id() id: string, @Query() query: AsOfQueryDto) {
    return found(
      await this.asOf.providerScorecard(id, query.date),
      'provider_not_found',
      `Provider ${id} was not registered by ${query.date}`,
    );
  }
}
