import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT_ERRORS, contractDecider } from './contract';
import { PROVIDER_ERRORS, providerDecider } from './provider';
import { SERVICE_UNIT_ERRORS, serviceUnitDecider } from './service-unit';
import { errorCodesOf, type DomainErrorKind, type ErrorCatalogue } from './shared';

const STATUS: Record<DomainErrorKind, number> = { invalid: 400, not_found: 404, conflict: 409, forbidden: 403 };

const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'error-codes.md'), 'utf8');

/** The `| \`code\` | status |` rows of the section whose heading names `typeName`, as "code status". */
function documentedRows(typeName: string): string[] {
  const sections = doc.split(/^## /m).slice(1);
  const section = sections.find((text) => text.split('\n', 1)[0].includes(`\`${typeName}\``));
  if (section === undefined) throw new Error(`docs/error-codes.md has no section for ${typeName}`);
  return [...section.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)].map(([, code, status]) => `${code} ${status}`);
}

function catalogueRows(catalogue: ErrorCatalogue): string[] {
  return (Object.keys(STATUS) as DomainErrorKind[]).flatMap((kind) =>
    catalogue[kind].map((code) => `${code} ${STATUS[kind]}`),
  );
}

describe.each([
  ['ServiceUnitErrorCode', SERVICE_UNIT_ERRORS, serviceUnitDecider.errorCodes],
  ['ProviderErrorCode', PROVIDER_ERRORS, providerDecider.errorCodes],
  ['ContractErrorCode', CONTRACT_ERRORS, contractDecider.errorCodes],
] as const)('%s', (typeName, catalogue, deciderCodes) => {
  it('is documented in docs/error-codes.md, code for code and status for status', () => {
    const rows = documentedRows(typeName);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual(catalogueRows(catalogue).sort());
  });

  it('lists each code once per kind', () => {
    for (const codes of Object.values(catalogue)) expect(new Set(codes).size).toBe(codes.length);
  });

  it('is what the decider declares as its error codes', () => {
    expect(deciderCodes).toEqual(errorCodesOf(catalogue));
  });
});
