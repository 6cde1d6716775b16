import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@spinout/event-store';
import { recordAward } from '@spinout/workflow';
import type { Response } from 'express';
import type { CommandOutcome } from '../commands/execute-domain-command';
import { eventMetadata, RequestContext } from '../commands/request-context';
import { EVENT_STORE } from '../database/database.tokens';
import { versionEtag } from '../http/etag';
import type { RecordAwardDto } from './service-unit.dto';

/** HTTP entry to the award rule shared with the Kafka consumer (provider eligibility + unit in procurement). */
@Injectable()
export class RecordAwardService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(response: Response, unitId: string, award: RecordAwardDto, context: RequestContext): Promise<CommandOutcome> {
    const result = await recordAward(this.store, {
      unitId,
      award,
      actor: context.principal.id,
      at: context.at,
      metadata: eventMetadata(context),
      expectedVersion: context.expectedVersion,
    });
    response.setHeader('ETag', versionEtag(result.version));
    return { id: unitId, version: result.version };
  }
}
