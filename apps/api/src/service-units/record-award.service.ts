import { Injectable } from '@nestjs/common';
import { conflict, notFound, providerEligibility, ProviderState } from '@spinout/domain';
import type { Response } from 'express';
import { AggregateReader } from '../commands/aggregate-reader';
import { CommandSender } from '../commands/command-sender';
import type { RequestContext } from '../commands/request-context';
import type { RecordAwardDto } from './service-unit.dto';

/**
 * Recording an award spans two aggregates: the provider must be eligible (not suspended, not
 * debarred) on the day of the award, and the unit must be in procurement for that tender.
 * The provider is read first; a suspension recorded in the same instant may race the award,
 * which the contract's signing check catches again.
 */
@Injectable()
export class RecordAwardService {
  constructor(
    private readonly reader: AggregateReader,
    private readonly commands: CommandSender,
  ) {}

  async record(response: Response, unitId: string, award: RecordAwardDto, context: RequestContext) {
    const provider = await this.reader.load<ProviderState>('provider', award.providerId).catch(() => {
      throw notFound('provider_not_found', `No provider with id ${award.providerId}; register it before awarding to it`, { field: 'providerId' });
    });
    const eligibility = providerEligibility(provider.state, context.at);
    if (!eligibility.eligible) {
      throw conflict('provider_not_eligible', `Provider ${award.providerId} cannot be awarded: ${eligibility.reason}`, { providerId: award.providerId });
    }
    return this.commands.send(response, 'serviceUnit', unitId, 'RecordAward', award, context);
  }
}
