import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@spinout/event-store';
import { signContract } from '@spinout/workflow';
import type { Response } from 'express';
import type { CommandOutcome } from '../commands/execute-domain-command';
import { eventMetadata, RequestContext } from '../commands/request-context';
import { EVENT_STORE } from '../database/database.tokens';
import { versionEtag } from '../http/etag';

/** HTTP entry to signing, which looks up the provider's standing on the day. */
@Injectable()
export class ContractSigningService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async sign(response: Response, contractId: string, context: RequestContext): Promise<CommandOutcome> {
    const result = await signContract(this.store, {
      contractId,
      actor: context.principal.id,
      at: context.at,
      metadata: eventMetadata(context),
      expectedVersion: context.expectedVersion,
    });
    response.setHeader('ETag', versionEtag(result.version));
    return { id: contractId, version: result.version };
  }
}
