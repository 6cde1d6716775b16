import type { Request } from 'express';
import { routePatternOf } from './route-pattern';

/** The members of an Express request that routePatternOf reads. */
const request = (method: string, path: string, route?: string): Request =>
  Object.assign(Object.create(null) as Request, {
    method,
    path,
    baseUrl: '',
    ...(route ? { route: { path: route } } : {}),
  });

describe('routePatternOf', () => {
  it('names a routed request by its route, in OpenAPI syntax', () => {
    expect(
      routePatternOf(
        request('POST', '/contracts/c-1/settlements/2025-03/approve', '/contracts/:id/settlements/:period/approve'),
      ),
    ).toBe('/contracts/{id}/settlements/{period}/approve');
  });

  it('matches a request refused before routing against the access table, literal segments first', () => {
    expect(routePatternOf(request('POST', '/service-units'))).toBe('/service-units');
    expect(routePatternOf(request('POST', '/service-units/u-1/plan/revise'))).toBe('/service-units/{id}/plan/revise');
    expect(routePatternOf(request('GET', '/views/units/'))).toBe('/views/units');
    expect(routePatternOf(request('HEAD', '/providers/p-1'))).toBe('/providers/{id}');
  });

  it('gives no pattern for a path no route has', () => {
    expect(routePatternOf(request('GET', '/no-such-route'))).toBeUndefined();
    expect(routePatternOf(request('DELETE', '/service-units'))).toBeUndefined();
  });
});
