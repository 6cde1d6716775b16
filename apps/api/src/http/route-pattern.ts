import type { Request } from 'express';
import { ACCESS, openApiPath } from '../auth/access-policy';

/** The access table names every route: what a request refused before routing is matched against. */
const ROUTES = Object.keys(ACCESS)
  .map((operation) => {
    const [method, path] = operation.split(' ');
    const segments = path
      .split('/')
      .map((segment) => (segment.startsWith('{') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    return {
      method,
      path,
      pattern: new RegExp(`^${segments.join('/')}/?$`),
      parameters: (path.match(/\{/g) ?? []).length,
    };
  })
  // Literal segments win over parameters.
  .sort((a, b) => a.parameters - b.parameters);

/**
 * The pattern of the route a request was for, in OpenAPI's syntax (`/contracts/{id}/sign`), so
 * that logs and metrics group requests by route and never carry ids or other path values. A
 * request refused before routing (a body too large, not JSON) is matched against the access
 * table; undefined when no route matches.
 */
export function routePatternOf(request: Request): string | undefined {
  const route: unknown = (request as Request & { route?: { path?: unknown } }).route?.path;
  if (typeof route === 'string') return openApiPath(`${request.baseUrl}${route}`);
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  return ROUTES.find((candidate) => candidate.method === method && candidate.pattern.test(request.path))?.path;
}
