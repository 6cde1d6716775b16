import type { TestApp } from '../app';

/**
 * What the seeded demo programme holds, read back through the API (views for the lists, the
 * aggregates for their details): real ids in every state, so the hostile requests get past the
 * id lookups into validation and the deciders.
 */
export interface Unit {
  id: string;
  stage: string;
  agency: string;
  category: string;
  establishmentHeadcount: number;
  plan: { mode: string; status: string } | null;
  procurement: { procurementId: string; status: string } | null;
  contractId: string | null;
  milestones: Array<{ milestoneId: string; completedAt: string | null }>;
  assets: Array<{ assetId: string; handover: unknown }>;
  lastTermination: { contractId: string } | null;
}

export interface Contract {
  id: string;
  status: string;
  unitId: string;
  providerId: string;
  agency: string;
  procurementId: string;
  awardId: string;
  period: { start: string; end: string };
  monthlyCharge: { amountMinor: number; currency: string };
  slas: Array<{ slaId: string }>;
  measurements: Record<string, { slaId: string; period: string }>;
  rectifications: Record<string, { rectificationId: string; status: string }>;
  settlements: Record<string, { period: string; status: string; net: { amountMinor: number; currency: string } }>;
}

export interface Provider {
  id: string;
  status: string;
  serviceCategories: string[];
}

/** Row counts of the views, to compare before and after the barrage. */
export type ViewTotals = Record<string, number>;

export interface Programme {
  units: Unit[];
  contracts: Contract[];
  providers: Provider[];
  scorecards: Array<{ providerId: string; period: string }>;
  progress: Array<{ agency: string; category: string }>;
}

export const LISTED_VIEWS = [
  'units',
  'reform-progress',
  'contracts',
  'sla-compliance',
  'settlements',
  'provider-scorecards',
] as const;

type Auth = { Authorization: string };

/** Every row of a view, page by page. */
export async function allRows<T>(t: TestApp, auth: Auth, view: string): Promise<T[]> {
  const rows: T[] = [];
  for (;;) {
    const page = (await t.http.get(`/views/${view}`).query({ limit: 200, offset: rows.length }).set(auth).expect(200))
      .body as { items: T[]; total: number };
    rows.push(...page.items);
    if (page.items.length === 0 || rows.length >= page.total) return rows;
  }
}

export async function readProgramme(t: TestApp, auth: Auth): Promise<Programme> {
  const list = <T>(view: string) => allRows<T>(t, auth, view);
  const read = async <T>(path: string): Promise<T> => (await t.http.get(path).set(auth).expect(200)).body;

  const unitRows = await list<{ unitId: string }>('units');
  const contractRows = await list<{ contractId: string; providerId: string }>('contracts');
  const scorecards = await list<{ providerId: string; period: string }>('provider-scorecards');
  const progress = await list<{ agency: string; category: string }>('reform-progress');
  const units = await Promise.all(unitRows.map((row) => read<Unit>(`/service-units/${row.unitId}`)));
  const contracts = await Promise.all(contractRows.map((row) => read<Contract>(`/contracts/${row.contractId}`)));

  // Every provider: the actor who registered a known one, and the audit trail of that actor's registrations.
  const known = contractRows[0].providerId;
  const trail = async (query: Record<string, string | number>) =>
    (
      await t.http
        .get('/views/audit-trail')
        .query({ limit: 200, ...query })
        .set(auth)
        .expect(200)
    ).body.items as Array<{ streamId: string; actor: string; type: string }>;
  const registrar = (await trail({ streamId: `provider-${known}`, type: 'ProviderRegistered' }))[0].actor;
  const registered = await trail({ actor: registrar, type: 'ProviderRegistered' });
  const providerIds = new Set([
    ...registered.map((entry) => entry.streamId.replace(/^provider-/, '')),
    ...contractRows.map((row) => row.providerId),
  ]);
  const providers = await Promise.all([...providerIds].map((id) => read<Provider>(`/providers/${id}`)));

  return { units, contracts, providers, scorecards, progress };
}

export async function viewTotals(t: TestApp, auth: Auth): Promise<ViewTotals> {
  const totals: ViewTotals = {};
  for (const view of LISTED_VIEWS)
    totals[view] = (await t.http.get(`/views/${view}`).query({ limit: 1 }).set(auth).expect(200)).body.total;
  return totals;
}
