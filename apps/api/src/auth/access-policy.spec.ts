import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS, admits, openApiPath } from './access-policy';

describe('access policy', () => {
  it('is what the README shows, row for row', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    const section = /<!-- access-table:start -->([\s\S]*?)<!-- access-table:end -->/.exec(readme)?.[1] ?? '';
    const rows = [...section.matchAll(/^\| `([A-Z]+ [^`]+)` \| ([^|]+) \|$/gm)].map(([, operation, roles]) => [
      operation,
      roles.trim(),
    ]);
    const expected = Object.entries(ACCESS).map(([operation, access]) => [
      operation,
      access === 'public' ? 'public' : access.join(', '),
    ]);
    expect(rows).toEqual(expected);
  });

  it('admits admin everywhere the table names, and nobody where it names nothing', () => {
    expect(admits(ACCESS['POST /contracts/{id}/settlements/{period}/approve'], ['admin'])).toBe(true);
    expect(admits(ACCESS['POST /contracts/{id}/settlements/{period}/approve'], ['contract_manager'])).toBe(false);
    expect(admits(undefined, ['admin'])).toBe(false);
    expect(admits('public', [])).toBe(true);
  });

  it('writes Express paths as OpenAPI paths', () => {
    expect(openApiPath('/contracts/:id/settlements/:period/approve')).toBe(
      '/contracts/{id}/settlements/{period}/approve',
    );
  });
});
