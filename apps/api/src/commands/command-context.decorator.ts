import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { parseIfMatch } from '../http/etag';
import { type CommandContext, commandContextOf } from './command-context';
import { newIdOf } from './command-outcome.decorators';

/** The command's context from the request: principal, time, correlation, If-Match. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('Ctx used on a route without authentication');
  return commandContextOf(request, request.principal, parseIfMatch(request.headers['if-match']), newIdOf(request));
});
