import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReformProgressQuery, UnitsQuery } from '@spinout/projections';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { ReformProgressQueryDto, UnitsQueryDto, UnitViewQueryDto } from './unit-views.dto';
import { pageOrCsv } from './csv-export';
import { AsOfViewPageDto } from './view-page.dto';
import { found } from './view-readers';

/** The reform office's views: one row per unit, and progress per agency and category. */
@ApiTags('views')
@ApiBearerAuth()
@Controller('views')
export class UnitViewsController {
  constructor(
    private readonly units: UnitsQuery,
    private readonly progress: ReformProgressQuery,
  ) {}

  @Get('units')
  @ApiOkResponse({ type: AsOfViewPageDto })
  listUnits(@Query() query: UnitsQueryDto, @Req() request: AuthenticatedRequest) {
    return pageOrCsv(request, 'units', query, (filter) => this.units.list(filter));
  }

  @Get('units/:unitId')
  async unit(@Param('unitId') unitId: string, @Query() query: UnitViewQueryDto) {
    return found(
      await this.units.get(unitId, query.asOf),
      'unit_view_not_found',
      `No unit ${unitId} in the units view`,
    );
  }

  @Get('reform-progress')
  @ApiOkResponse({ type: AsOfViewPageDto })
  listProgress(@Query() query: ReformProgressQueryDto, @Req() request: AuthenticatedRequest) {
    return pageOrCsv(request, 'reformProgress', query, (filter) => this.progress.list(filter));
  }

  @Get('reform-progress/:agency/:category')
  async progressOf(
    @Param('agency') agency: string,
    @Param('category') category: string,
    @Query() query: UnitViewQueryDto,
  ) {
    const row = await this.progress.get(agency, category, query.asOf);
    return found(row, 'reform_progress_not_found', `No reform progress for ${category} units of ${agency}`);
  }
}
