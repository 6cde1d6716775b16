/**
 * The dashboard's browser module (served as /dashboard/app.js), plain ES2022 with no build
 * step. It reads the /views API with the token the person pasted, and renders with text
 * nodes only, so no value from the API ever becomes markup. Money arrives as integer minor
 * units and is summed as BigInt. Errors are shown in the page; there is no console output.
 *
 * Kept as a string constant (see dashboard.page.ts); it uses no template literals so that it
 * can live inside String.raw.
 */
export const DASHBOARD_SCRIPT = String.raw`
const TOKEN_KEY = 'spinout.dashboard.token';
const PAGE = 200;
const MAX_ROWS = 2000;
const $ = (id) => document.getElementById(id);

/** An element with attributes and children; strings become text nodes. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

// Money: integer minor units (fen for CNY), summed as BigInt, printed with two decimals.
function sumMinor(rows, pick) {
  return rows.reduce((sum, row) => sum + BigInt(pick(row) ?? 0), 0n);
}
function formatMoney(minor, currency) {
  if (minor === null || minor === undefined) return '—';
  if (currency === 'MIXED') return 'mixed currencies';
  let value = BigInt(minor);
  const sign = value < 0n ? '−' : '';
  if (value < 0n) value = -value;
  const whole = (value / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (value % 100n).toString().padStart(2, '0');
  return sign + (currency || 'CNY') + ' ' + whole + '.' + cents;
}
const money = (minor, currency) => h('span', { class: 'money' }, formatMoney(minor, currency));
const words = (code) => String(code).replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
const score2 = (n) => Number(n).toFixed(2);

// The API, with the token of this tab.
class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}
/** The answer to an authorised GET of path; an ApiError when there is no token, no answer or an error status. */
async function authorisedGet(path, params, accept) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) throw new ApiError(401, { title: 'No token', detail: 'Paste a bearer token to read the dashboard.' });
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  let response;
  try {
    response = await fetch(url, { headers: { Authorization: 'Bearer ' + token, Accept: accept } });
  } catch (error) {
    throw new ApiError(0, { title: 'The API did not answer', detail: String((error && error.message) || error) });
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(response.status, body && typeof body === 'object' ? body : { title: 'HTTP ' + response.status, detail: response.statusText });
  }
  return response;
}
async function api(path, params) {
  const response = await authorisedGet(path, params, 'application/json');
  return response.json().catch(() => null);
}
/**
 * Every page of a list, up to MAX_ROWS, each read after the previous one's nextCursor. The first
 * page carries the count (total, or totalExceeds when more rows match than the API counts).
 */
async function listAll(path, params) {
  const first = await api(path, { ...params, limit: PAGE });
  const items = [...first.items];
  let page = first;
  while (page.nextCursor && items.length < MAX_ROWS) {
    page = await api(path, { ...params, limit: PAGE, cursor: page.nextCursor, total: 'none' });
    items.push(...page.items);
  }
  return { ...first, items, truncated: Boolean(page.nextCursor) };
}
/**
 * A button that downloads every row of a view, as the section shows it filtered, as CSV: the
 * file is fetched with the token (a plain link could not send it) and saved from a blob URL.
 * Headings come in the page's language.
 */
function csvButton(path, params, file) {
  return h('p', { class: 'export' }, h('button', { type: 'button', class: 'csv', 'data-export': file, onclick: () => downloadCsv(path, params, file) }, 'Download CSV'));
}
async function downloadCsv(path, params, file) {
  const lang = document.documentElement.lang.startsWith('zh') ? 'zh-CN' : 'en';
  try {
    const response = await authorisedGet(path, { ...params, format: 'csv', lang }, 'text/csv');
    const link = h('a', { href: URL.createObjectURL(await response.blob()), download: file + '.csv' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  } catch (error) {
    showError(error instanceof ApiError ? error : new ApiError(0, { title: 'The download failed', detail: String((error && error.message) || error) }));
  }
}
/** How many rows match, as the first page counted them. */
const countOf = (list) => (list.total !== undefined ? String(list.total) : 'more than ' + list.totalExceeds);

// Names of providers and the contracts of breaches, fetched once per id.
const providers = new Map();
function providerOf(id) {
  if (!providers.has(id)) providers.set(id, api('/providers/' + encodeURIComponent(id)).catch(() => null));
  return providers.get(id);
}
const contracts = new Map();
function contractOf(id) {
  if (!contracts.has(id)) contracts.set(id, api('/views/contracts/' + encodeURIComponent(id)).catch(() => null));
  return contracts.get(id);
}
function providerCell(id, provider) {
  const name = provider && provider.name ? provider.name : 'Unknown provider';
  const flag = provider && provider.status && provider.status !== 'active' ? h('span', { class: 'flag' }, words(provider.status)) : null;
  return [h('span', { class: 'name' }, name), flag, h('span', { class: 'id' }, id)];
}

// Page furniture.
function setBody(section, ...content) {
  $(section).querySelector('.body').replaceChildren(...content.flat().filter((node) => node !== null && node !== undefined));
}
function problemText(error) {
  const problem = error.problem || {};
  const status = error.status ? ' (HTTP ' + error.status + ')' : '';
  return (problem.title || 'Error') + status + ': ' + (problem.detail || error.message);
}
function sectionError(section, error) {
  const hint = error.status === 403 ? 'Your token does not carry a role that may read this view.' : null;
  setBody(section, h('p', { class: 'section-error' }, problemText(error)), hint && h('p', { class: 'hint' }, hint));
}
function showError(error) {
  const box = $('error');
  const advice = error.status === 401
    ? 'Paste a valid, unexpired token above and choose “Use token”.'
    : 'Try again, or ask an administrator if this persists.';
  box.replaceChildren(h('strong', {}, problemText(error)), h('p', {}, advice));
  box.hidden = false;
}
function clearError() {
  $('error').hidden = true;
  $('error').replaceChildren();
}
const empty = (text) => h('p', { class: 'empty' }, text);
const truncatedNote = (list) => (list.truncated ? h('p', { class: 'hint' }, 'Showing the first ' + list.items.length + ' of ' + countOf(list) + ' rows.') : null);

/** A table with a caption, column headers, body rows and an optional footer row. */
function table(caption, columns, rows, footer) {
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c, i) => h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.numeric ? 'num' : null }, c.cell(row)))))),
    footer ? h('tfoot', {}, h('tr', {}, columns.map((c, i) => h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.numeric ? 'num' : null }, footer(c, i))))) : null,
  ));
}

// Reform progress.
const STAGES = [
  ['unitsInHouse', 'in-house'], ['unitsPlanProposed', 'plan proposed'], ['unitsPlanApproved', 'plan approved'],
  ['unitsProcurement', 'procurement'], ['unitsAwarded', 'awarded'], ['unitsTransition', 'transition'],
  ['unitsOutsourced', 'outsourced'], ['unitsSpunOff', 'spun off'], ['unitsChargeBack', 'charge-back'], ['unitsRetained', 'retained'],
];
const stagesOf = (row) => h('ul', { class: 'stages' }, STAGES.filter(([key]) => row[key] > 0).map(([key, label]) => h('li', {}, row[key] + ' ' + label)));
const STAFF = ['staffTransferred', 'staffRedeployed', 'staffRetired', 'staffLeft'];
const staffMoved = (row) => [
  h('span', { class: 'figure' }, String(STAFF.reduce((n, key) => n + row[key], 0))),
  h('span', { class: 'breakdown' }, '(' + STAFF.map((key) => row[key]).join(' / ') + ')'),
];

async function loadProgress() {
  const params = { sort: 'agency' };
  const list = await listAll('/views/reform-progress', params);
  if (list.items.length === 0) return setBody('progress', empty('No service units are registered yet.'));
  const rows = list.items;
  const currencies = new Set(rows.map((r) => r.currency));
  const currency = currencies.size === 1 ? rows[0].currency : 'MIXED';
  const count = (key) => rows.reduce((n, r) => n + r[key], 0);
  const columns = [
    { label: 'Agency', cell: (r) => r.agency, total: 'All agencies' },
    { label: 'Category', cell: (r) => words(r.category), total: '' },
    { label: 'Units', numeric: true, cell: (r) => r.unitsTotal, total: count('unitsTotal') },
    { label: 'Stages', cell: stagesOf, total: '' },
    { label: 'Establishment', numeric: true, cell: (r) => r.establishment, total: count('establishment') },
    { label: 'Staff moved (transferred / redeployed / retired / left)', numeric: true, cell: (r) => staffMoved(r), total: staffMoved(Object.fromEntries(STAFF.map((key) => [key, count(key)]))) },
    { label: 'Baseline (all units)', numeric: true, cell: (r) => money(r.baselineCostMinor, r.currency), total: money(sumMinor(rows, (r) => r.baselineCostMinor), currency) },
    { label: 'Baseline (contracted units)', numeric: true, cell: (r) => money(r.contractedUnitsBaselineMinor, r.currency), total: money(sumMinor(rows, (r) => r.contractedUnitsBaselineMinor), currency) },
    { label: 'Contracted annual cost', numeric: true, cell: (r) => money(r.contractedAnnualCostMinor, r.currency), total: money(sumMinor(rows, (r) => r.contractedAnnualCostMinor), currency) },
    { label: 'Realised savings', numeric: true, cell: (r) => money(r.realisedSavingsMinor, r.currency), total: money(sumMinor(rows, (r) => r.realisedSavingsMinor), currency) },
    { label: 'Overdue milestones', numeric: true, cell: (r) => (r.overdueMilestones > 0 ? h('span', { class: 'overdue' }, String(r.overdueMilestones)) : '0'), total: count('overdueMilestones') },
  ];
  const caption = 'Units, headcount and annual cost per agency and category; milestones overdue as of ' + list.asOf + '.';
  setBody('progress', table(caption, columns, rows, (c) => c.total), truncatedNote(list), csvButton('/views/reform-progress', params, 'reform-progress'));
}

// Provider scorecards, sortable in the page.
// The grade comes with the scorecard (RATING_SCHEME on the server); 1 is the scheme's best.
const SCHEME_NAMES = { cn_performance: 'budget performance evaluation grades', uk_procurement_act: 'Procurement Act 2023 ratings' };
const schemeName = (scheme) => SCHEME_NAMES[scheme] || words(scheme);
const band = (r) =>
  h('span', { class: 'band band-' + r.ratingGrade, title: schemeName(r.ratingScheme) },
    r.ratingLabels ? r.ratingLabels['zh-CN'] + ' ' + r.ratingLabel : words(r.rating));
function trend(value) {
  if (value === null || value === undefined) return h('span', { class: 'trend new', title: 'First scored period' }, 'new');
  if (value > 0) return h('span', { class: 'trend up', 'aria-label': 'up ' + score2(value) }, '▲ +' + score2(value));
  if (value < 0) return h('span', { class: 'trend down', 'aria-label': 'down ' + score2(-value) }, '▼ −' + score2(-value));
  return h('span', { class: 'trend flat', 'aria-label': 'unchanged' }, '● 0.00');
}
const SCORE_COLUMNS = [
  { key: 'rank', label: 'Rank', numeric: true, value: (r) => r.rank, cell: (r) => r.rank + ' of ' + r.rankedProviders },
  { key: 'provider', label: 'Provider', value: (r) => (r.provider && r.provider.name) || r.providerId, cell: (r) => providerCell(r.providerId, r.provider) },
  { key: 'score', label: 'Score', numeric: true, value: (r) => r.score, cell: (r) => score2(r.score) },
  { key: 'rating', label: 'Rating', value: (r) => r.score, cell: (r) => band(r) },
  { key: 'trend', label: 'Trend', numeric: true, value: (r) => (r.trend === null ? -Infinity : r.trend), cell: (r) => trend(r.trend) },
  { key: 'breaches', label: 'Breaches', numeric: true, value: (r) => r.breaches, cell: (r) => r.breaches + (r.criticalBreaches > 0 ? ' (' + r.criticalBreaches + ' critical)' : '') },
  { key: 'credits', label: 'Service credits', numeric: true, value: (r) => r.creditsMinor, cell: (r) => money(r.creditsMinor, r.currency) },
  { key: 'contracts', label: 'Contracts', numeric: true, value: (r) => r.contracts, cell: (r) => r.contracts },
];
const scoreState = { rows: [], sort: 'rank', dir: 'asc', list: null };

async function loadScorecards(period) {
  const params = { periodFrom: period, periodTo: period, sort: 'rank', order: 'asc' };
  const list = await listAll('/views/provider-scorecards', params);
  const named = await Promise.all(list.items.map(async (row) => ({ ...row, provider: await providerOf(row.providerId) })));
  Object.assign(scoreState, { rows: named, list, params, period });
  renderScorecards();
}
function sortScorecards(key) {
  scoreState.dir = scoreState.sort === key && scoreState.dir === 'asc' ? 'desc' : 'asc';
  scoreState.sort = key;
  renderScorecards();
  const button = $('scorecards').querySelector('[data-sort="' + key + '"]');
  if (button) button.focus();
}
function renderScorecards() {
  const { rows, sort, dir, list } = scoreState;
  if (rows.length === 0) return setBody('scorecards', empty('No provider was scored for this period.'));
  const column = SCORE_COLUMNS.find((c) => c.key === sort);
  const sign = dir === 'asc' ? 1 : -1;
  const sorted = [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    const order = typeof x === 'string' ? x.localeCompare(y) : x - y;
    return sign * order || a.rank - b.rank || a.providerId.localeCompare(b.providerId);
  });
  const head = h('tr', {}, SCORE_COLUMNS.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : null, 'aria-sort': c.key === sort ? (dir === 'asc' ? 'ascending' : 'descending') : 'none' },
    h('button', { type: 'button', class: 'sort', 'data-sort': c.key, onclick: () => sortScorecards(c.key) }, c.label, h('span', { class: 'arrow', 'aria-hidden': 'true' }, c.key === sort ? (dir === 'asc' ? ' ↑' : ' ↓') : ' ↕')))));
  const body = sorted.map((r) => h('tr', { 'data-provider-id': r.providerId }, SCORE_COLUMNS.map((c) =>
    h(c.key === 'provider' ? 'th' : 'td', { scope: c.key === 'provider' ? 'row' : null, class: c.numeric ? 'num' : null }, c.cell(r)))));
  setBody('scorecards', h('div', { class: 'table-wrap' }, h('table', { id: 'scorecard-table' },
    h('caption', {}, 'Weighted SLA score 0–100 (met 100, breached 50, critical 0); rating in the ' + schemeName(rows[0].ratingScheme) + '; trend against the previous scored month. Choose a column heading to sort.'),
    h('thead', {}, head), h('tbody', {}, body))), truncatedNote(list),
    csvButton('/views/provider-scorecards', scoreState.params, 'provider-scorecards-' + scoreState.period));
}

// SLA breaches of the period.
function valueAgainstTarget(r) {
  const better = r.direction === 'lower_is_better' ? '≤ ' : '≥ ';
  const worse = r.direction === 'lower_is_better' ? '> ' : '< ';
  return r.value + ' (target ' + better + r.target + ', critical ' + worse + r.criticalThreshold + ')';
}
async function loadBreaches(period) {
  const params = { periodFrom: period, periodTo: period, outcome: 'breached,critically_breached', sort: 'contractId' };
  const list = await listAll('/views/sla-compliance', { ...params, total: 'exact' });
  if (list.items.length === 0) return setBody('breaches', empty('No SLA was breached in this period.'));
  const rows = await Promise.all(list.items.map(async (row) => {
    const contract = await contractOf(row.contractId);
    const provider = contract ? await providerOf(contract.providerId) : null;
    return { ...row, contract, provider };
  }));
  const columns = [
    { label: 'Provider', cell: (r) => (r.contract ? providerCell(r.contract.providerId, r.provider) : 'Unknown') },
    { label: 'Agency', cell: (r) => (r.contract ? r.contract.agency : '') },
    { label: 'Contract', cell: (r) => h('span', { class: 'id' }, r.contractId) },
    { label: 'SLA', cell: (r) => r.slaId },
    { label: 'Outcome', cell: (r) => h('span', { class: 'outcome outcome-' + r.outcome }, r.outcome === 'critically_breached' ? 'Critical breach' : 'Breached') },
    { label: 'Value', numeric: true, cell: (r) => valueAgainstTarget(r) + (r.corrected ? ' (corrected)' : '') },
    { label: 'Service credit', numeric: true, cell: (r) => money(r.creditMinor, r.currency) },
    { label: 'Rectification', cell: (r) => (r.rectificationStatus ? words(r.rectificationStatus) + (r.rectificationDueDate ? ', due ' + r.rectificationDueDate : '') : '—') },
  ];
  const currencies = new Set(rows.map((r) => r.currency));
  const footer = (c, i) => (i === 0 ? 'Total' : c.label === 'Service credit' ? money(sumMinor(rows, (r) => r.creditMinor), currencies.size === 1 ? rows[0].currency : 'MIXED') : '');
  setBody('breaches', table(list.total + ' breached SLA measurement' + (list.total === 1 ? '' : 's') + ' in the period', columns, rows, footer), truncatedNote(list),
    csvButton('/views/sla-compliance', params, 'sla-breaches-' + period));
}

// Settlements of the period, totalled by status.
async function loadSettlements(period) {
  const params = { periodFrom: period, periodTo: period };
  const list = await listAll('/views/settlements', params);
  if (list.items.length === 0) return setBody('settlements', empty('No invoice was settled for this period.'));
  const rows = list.items;
  const currencies = new Set(rows.map((r) => r.currency));
  const currency = currencies.size === 1 ? rows[0].currency : 'MIXED';
  const statuses = [...new Set(rows.map((r) => r.status))].sort();
  const groups = statuses.map((status) => ({ status, rows: rows.filter((r) => r.status === status) }));
  const columns = [
    { label: 'Status', cell: (g) => words(g.status), total: 'All settlements' },
    { label: 'Settlements', numeric: true, cell: (g) => g.rows.length, total: rows.length },
    { label: 'Gross charge', numeric: true, cell: (g) => money(sumMinor(g.rows, (r) => r.grossMinor), currency), total: money(sumMinor(rows, (r) => r.grossMinor), currency) },
    { label: 'Service credits', numeric: true, cell: (g) => money(sumMinor(g.rows, (r) => r.creditsMinor), currency), total: money(sumMinor(rows, (r) => r.creditsMinor), currency) },
    { label: 'Net payable', numeric: true, cell: (g) => money(sumMinor(g.rows, (r) => r.netMinor), currency), total: money(sumMinor(rows, (r) => r.netMinor), currency) },
    { label: 'Paid', numeric: true, cell: (g) => money(sumMinor(g.rows, (r) => r.paidMinor), currency), total: money(sumMinor(rows, (r) => r.paidMinor), currency) },
  ];
  setBody('settlements', table('Gross charge − service credits (capped) = net payable, by settlement status', columns, groups, (c) => c.total), truncatedNote(list),
    csvButton('/views/settlements', params, 'settlements-' + period));
}

// Token and loading.
function describeToken(token) {
  try {
    const part = token.split('.')[1];
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=')));
    const roles = Array.isArray(claims.roles) && claims.roles.length ? claims.roles.join(', ') : 'no roles';
    const expires = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
    const when = expires ? expires.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : 'never';
    const expired = expires && expires.getTime() < Date.now() ? ' — this token has expired' : '';
    return 'Token for ' + (claims.sub || 'an unnamed subject') + ' (' + roles + '), expires ' + when + expired + '.';
  } catch {
    return 'A token is stored for this tab, but it does not look like a JWT.';
  }
}
async function latestPeriod() {
  const page = await api('/views/provider-scorecards', { sort: 'period', order: 'desc', limit: 1 });
  return page.items.length ? page.items[0].period : new Date().toISOString().slice(0, 7);
}
let loading = 0;
async function refresh() {
  const run = ++loading;
  clearError();
  const token = sessionStorage.getItem(TOKEN_KEY);
  $('token-status').textContent = token ? describeToken(token) : 'No token yet.';
  if (!token) {
    $('dashboard').hidden = true;
    return;
  }
  $('status').textContent = 'Loading…';
  try {
    const period = $('period').value || (await latestPeriod());
    $('period').value = period;
    for (const label of document.querySelectorAll('.period-label')) label.textContent = '— ' + period;
    const sections = { progress: loadProgress(), scorecards: loadScorecards(period), breaches: loadBreaches(period), settlements: loadSettlements(period) };
    const results = await Promise.allSettled(Object.values(sections));
    if (run !== loading) return;
    const refused = results.find((r) => r.status === 'rejected' && r.reason && r.reason.status === 401);
    if (refused) throw refused.reason;
    Object.keys(sections).forEach((name, i) => {
      if (results[i].status === 'rejected') sectionError(name, results[i].reason instanceof ApiError ? results[i].reason : new ApiError(0, { title: 'Could not show this view', detail: String(results[i].reason) }));
    });
    $('dashboard').hidden = false;
    $('status').textContent = 'Updated ' + new Date().toISOString().slice(11, 19) + ' UTC for ' + period + '.';
  } catch (error) {
    if (run !== loading) return;
    $('dashboard').hidden = true;
    $('status').textContent = '';
    showError(error instanceof ApiError ? error : new ApiError(0, { title: 'Could not load the dashboard', detail: String(error) }));
  }
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token').value.trim().replace(/^Bearer\s+/i, '');
  if (token === '') {
    showError(new ApiError(0, { title: 'No token', detail: 'Paste a bearer token first.' }));
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  $('token').value = '';
  providers.clear();
  contracts.clear();
  refresh();
});
$('forget').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  providers.clear();
  contracts.clear();
  refresh();
});
$('period-form').addEventListener('submit', (event) => {
  event.preventDefault();
  refresh();
});
window.addEventListener('error', (event) => showError(new ApiError(0, { title: 'The page failed', detail: String(event.message) })));
window.addEventListener('unhandledrejection', (event) => showError(new ApiError(0, { title: 'The page failed', detail: String(event.reason) })));
refresh();
`;
