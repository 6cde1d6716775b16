import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  RequestMethod,
  UnauthorizedException,
} from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { accessOf, admits, openApiPath } from './access-policy';
import type { AuthenticatedRequest } from './auth.decorators';
import { isRole } from './roles';

/**
 * Every route is admitted by the access policy table (access-policy.ts) and nothing else: a
 * public route needs no token; any other needs a bearer JWT (HS256, our issuer, the configured
 * audience if any, with an expiry no further away than the configured lifetime) whose roles
 * the table admits. A route the table does not name is closed.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly operations = new WeakMap<object, string>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const operation = this.operationOf(context);
    const access = accessOf(operation);
    if (access === 'public') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token)
      throw new UnauthorizedException({
        message: 'A bearer token is required (Authorization: Bearer <jwt>)',
        code: 'token_required',
      });

    const payload = await this.verify(token);
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    request.principal = { id: payload.sub as string, roles };

    if (access === undefined)
      throw new ForbiddenException({ message: `${operation} is not open to anyone`, code: 'route_closed' });
    if (admits(access, roles)) return true;
    throw new ForbiddenException({
      message: `This action needs one of the roles: ${access.join(', ')}`,
      code: 'role_required',
    });
  }

  private async verify(token: string): Promise<{ sub?: unknown; roles?: unknown; exp?: unknown; iat?: unknown }> {
    let payload: { sub?: unknown; roles?: unknown; exp?: unknown; iat?: unknown };
    try {
      payload = await this.jwt.verifyAsync(token, {
        algorithms: ['HS256'],
        issuer: this.config.jwtIssuer,
        ...(this.config.jwtAudience ? { audience: this.config.jwtAudience } : {}),
      });
    } catch (error) {
      throw new UnauthorizedException({
        message: `The bearer token is not valid: ${(error as Error).message}`,
        code: 'invalid_token',
      });
    }
    if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 200) {
      throw new UnauthorizedException({
        message: 'The token has no subject (or one longer than 200 characters)',
        code: 'invalid_token',
      });
    }
    if (typeof payload.exp !== 'number') {
      throw new UnauthorizedException({
        message: 'The token has no expiry (exp); tokens must expire',
        code: 'invalid_token',
      });
    }
    const issuedAt = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000);
    if (payload.exp - issuedAt > this.config.jwtMaxTtlSeconds) {
      throw new UnauthorizedException({
        message: `The token lives longer than the ${this.config.jwtMaxTtlSeconds} seconds this service accepts`,
        code: 'invalid_token',
      });
    }
    return payload;
  }

  /** `METHOD /path` of the route, from its controller's and handler's metadata (cached per handler). */
  private operationOf(context: ExecutionContext): string {
    const handler = context.getHandler();
    const known = this.operations.get(handler);
    if (known) return known;
    const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
    const parts = [
      Reflect.getMetadata(PATH_METADATA, context.getClass()),
      Reflect.getMetadata(PATH_METADATA, handler),
    ] as string[];
    const path = `/${parts
      .filter((part) => part && part !== '/')
      .map((part) => part.replace(/^\/|\/$/g, ''))
      .join('/')}`;
    const operation = `${method} ${openApiPath(path)}`;
    this.operations.set(handler, operation);
    return operation;
  }
}
