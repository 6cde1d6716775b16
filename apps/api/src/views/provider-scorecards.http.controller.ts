import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProviderScorecardsQuery } from '@spinout/projections';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { ProviderScorecardsQueryDto } from './provider-scorecards.dto';
import { pageOrCsv } from './csv-export';
import { ViewPageDto } from './view-page.dto';
import { found } from './view-readers';

/** Provider scorecards per period, ranked among providers at query time, with the figures behind each score. */
@ApiTags('views')
@ApiBearerAuth()
@Controller('views/provider-scorecards')
export class ProviderScorecardsController {
  constructor(private readonly scorecards: ProviderScorecardsQuery) {}

  @Get()
  @ApiOkResponse({ type: ViewPageDto })
  list(@Query() query: ProviderScorecardsQueryDto, @Req() request: AuthenticatedRequest) {
    return pageOrCsv(request, 'providerScorecards', query, (filter) => this.scorecards.list(filter));
  }

  @Get(':providerId/:period')
  async get(@Param('providerId') providerId: string, @Param('period') period: string) {
    const scorecard = found(
      await this.scorecards.get(providerId, period),
      'scorecard_not_found',
      `No scorecard of ${providerId} for ${period}`,
    );
    return { ...scorecard, entries: await this.scorecards.entries(providerId, period) };
  }
}
