import {
  Controller,
  ExecutionContext,
  ForbiddenException,
  Get,
  Post,
  UnauthorizedException,
  type Type,
} from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '../config/app-config';
import type { AuthenticatedRequest } from './auth.decorators';
import { JwtAuthGuard } from './jwt-auth.guard';

const SECRET = 'guard-spec-secret-that-is-long-enough-0123456789';
const config = { jwtIssuer: 'spinout', jwtMaxTtlSeconds: 3600 } as AppConfig;
const now = () => Math.floor(Date.now() / 1000);

/** Routes whose metadata the guard reads, as Nest's router would hand them over. */
@Controller('contracts')
class ContractsRoutes {
  @Get(':id') read() {}
  @Post(':id/settlements/:period/approve') approve() {}
  @Post(':id/unlisted') unlisted() {}
}
@Controller('health')
class HealthRoutes {
  @Get() health() {}
}

function contextFor(
  handler: () => void,
  controller: Type,
  authorization?: string,
): { context: ExecutionContext; request: AuthenticatedRequest } {
  const request = { headers: authorization === undefined ? {} : { authorization } } as AuthenticatedRequest;
  return { context: new ExecutionContextHost([request], controller, handler), request };
}

function sign(
  payload: object,
  options: { secret?: string; expiresIn?: number; issuer?: string; audience?: string; notBefore?: number } = {},
): string {
  const { secret = SECRET, ...rest } = options;
  return new JwtService({ secret }).sign(
    { ...payload },
    { algorithm: 'HS256', issuer: 'spinout', subject: 'li.office', ...rest },
  );
}

function unsigned(payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}

describe('JwtAuthGuard', () => {
  const guard = (overrides: Partial<AppConfig> = {}) =>
    new JwtAuthGuard(new JwtService({ secret: SECRET }), { ...config, ...overrides });
  const read = ContractsRoutes.prototype.read;
  const attempt = (token: string | undefined, handler: () => void = read, overrides: Partial<AppConfig> = {}) =>
    guard(overrides).canActivate(
      contextFor(
        handler,
        handler === HealthRoutes.prototype.health ? HealthRoutes : ContractsRoutes,
        token === undefined ? undefined : `Bearer ${token}`,
      ).context,
    );

  it('admits a valid token whose role the access policy names, and records the principal', async () => {
    const { context, request } = contextFor(
      read,
      ContractsRoutes,
      `Bearer ${sign({ roles: ['viewer', 'no_such_role'] }, { expiresIn: 600 })}`,
    );
    await expect(guard().canActivate(context)).resolves.toBe(true);
    expect(request.principal).toEqual({ id: 'li.office', roles: ['viewer'] });
  });

  it('opens public routes without a token', async () => {
    await expect(attempt(undefined, HealthRoutes.prototype.health)).resolves.toBe(true);
  });

  it.each([
    ['no token', undefined, /bearer token is required/],
    ['alg: none', unsigned({ sub: 'li.office', roles: ['admin'], iss: 'spinout', exp: now() + 600 }), /not valid/],
    [
      'another secret',
      sign({ roles: ['admin'] }, { secret: 'another-secret-that-is-long-enough-0123456789', expiresIn: 600 }),
      /invalid signature/,
    ],
    ['a wrong issuer', sign({ roles: ['admin'] }, { issuer: 'someone-else', expiresIn: 600 }), /issuer invalid/],
    ['no exp', sign({ roles: ['admin'] }), /no expiry/],
    ['an expired token', sign({ roles: ['admin'], iat: now() - 1200 }, { expiresIn: 600 }), /expired/],
    ['a token not yet valid', sign({ roles: ['admin'] }, { expiresIn: 1200, notBefore: 600 }), /not active/],
    ['a lifetime over the limit', sign({ roles: ['admin'] }, { expiresIn: 7200 }), /longer than the 3600 seconds/],
    [
      'no subject',
      new JwtService({ secret: SECRET }).sign({ roles: ['admin'] }, { issuer: 'spinout', expiresIn: 600 }),
      /no subject/,
    ],
    ['a malformed header value', 'not a jwt', /bearer token is required/],
  ])('refuses %s with 401', async (_case, token, message) => {
    const outcome = attempt(token);
    await expect(outcome).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(outcome).rejects.toThrow(message);
  });

  it('checks the audience when one is configured', async () => {
    await expect(
      attempt(sign({ roles: ['viewer'] }, { expiresIn: 600 }), read, { jwtAudience: 'spinout-api' }),
    ).rejects.toThrow(/audience/);
    await expect(
      attempt(sign({ roles: ['viewer'] }, { expiresIn: 600, audience: 'other' }), read, { jwtAudience: 'spinout-api' }),
    ).rejects.toThrow(/audience invalid/);
    await expect(
      attempt(sign({ roles: ['viewer'] }, { expiresIn: 600, audience: 'spinout-api' }), read, {
        jwtAudience: 'spinout-api',
      }),
    ).resolves.toBe(true);
  });

  it('refuses a role the policy does not admit, and every role on a route the policy does not name', async () => {
    const approve = ContractsRoutes.prototype.approve;
    await expect(attempt(sign({ roles: ['contract_manager'] }, { expiresIn: 600 }), approve)).rejects.toThrow(
      /roles: approver/,
    );
    await expect(attempt(sign({ roles: ['approver'] }, { expiresIn: 600 }), approve)).resolves.toBe(true);
    const unlisted = attempt(sign({ roles: ['admin'] }, { expiresIn: 600 }), ContractsRoutes.prototype.unlisted);
    await expect(unlisted).rejects.toBeInstanceOf(ForbiddenException);
    await expect(unlisted).rejects.toThrow('POST /contracts/{id}/unlisted is not open to anyone');
  });
});
