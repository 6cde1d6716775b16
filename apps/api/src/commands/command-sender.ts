import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { versionEtag } from '../http/etag';
import type { AggregateName } from './aggregates';
import { CommandOutcome, ExecuteDomainCommand } from './execute-domain-command';
import type { RequestContext } from './request-context';

/** What controllers call: builds the domain command, sends it on the bus, and sets the ETag. */
@Injectable()
export class CommandSender {
  constructor(private readonly bus: CommandBus) {}

  async send(response: Response, aggregate: AggregateName, id: string, type: string, data: object, context: RequestContext): Promise<CommandOutcome> {
    const command = { type, data: { ...data }, actor: context.principal.id, at: context.at };
    const outcome = await this.bus.execute(new ExecuteDomainCommand(aggregate, id, command, context));
    response.setHeader('ETag', versionEtag(outcome.version));
    return outcome;
  }
}
