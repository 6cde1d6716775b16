import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { parseIfMatch } from '../http/etag';
import { requestContext, RequestContext } from './request-context';

/** The command's context from the request: principal, time, correlation, If-Match. */
export const Ctx = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('Ctx used on a route without authentication');
  return requestContext(request, request.principal, parseIfMatch(request.headers['if-match']));
});
