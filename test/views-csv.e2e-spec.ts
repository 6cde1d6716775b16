import { DIALECTS, startTestApp, type TestApp, processorsCaughtUp } from './support/app';

/** RFC 4180 read back independently of the writer: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      [row, cell] = [[], ''];
      i += 1;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('the last line has no CRLF');
  return rows;
}

describe.each(DIALECTS)('CSV export of the views on %s', (dialect) => {
  let t: TestApp;
  const office = () => t.as('li.office', 'reform_office');
  const viewer = () => t.as('dash', 'viewer');

  beforeAll(async () => {
    t = await startTestApp(dialect, { seedDemo: true });
    await processorsCaughtUp(t);
  }, 120_000);
  afterAll(() => t?.close());

  const csv = async (path: string, auth: object, headers: Record<string, string> = {}) => {
    const res = await t.http
      .get(path)
      .set({ ...auth, ...headers })
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const bytes = res.body as Buffer;
    return { res, bytes, rows: parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')) };
  };

  it('exports every unit, whatever the paging asked, with Chinese headings and money in yuan', async () => {
    const json = await t.http.get('/views/units?limit=200&sort=name').set(office()).expect(200);
    const { res, bytes, rows } = await csv('/views/units?format=csv&sort=name&limit=1&offset=3', office());
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="units.csv"');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [headings, ...lines] = rows;
    expect(headings.slice(0, 5)).toEqual(['单位编号', '机关单位', '名称', '服务类别', '改革阶段']);
    expect(headings).toContain('改革前年度成本（元）');
    expect(lines).toHaveLength(json.body.total);
    const cost = headings.indexOf('改革前年度成本（元）');
    const items = json.body.items as { unitId: string; name: string; baselineCostMinor: number }[];
    expect(lines.map((line) => [line[0], line[2], line[cost]])).toEqual(
      items.map((unit) => [
        unit.unitId,
        unit.name,
        `${Math.trunc(unit.baselineCostMinor / 100)}.${String(unit.baselineCostMinor % 100).padStart(2, '0')}`,
      ]),
    );
  });

  it('heads the columns in English when asked, or when the browser prefers it', async () => {
    const asked = await csv('/views/reform-progress?format=csv&lang=en', office());
    const browser = await csv('/views/reform-progress?format=csv', office(), { 'accept-language': 'en-GB,en;q=0.9' });
    expect(asked.rows[0].slice(0, 3)).toEqual(['Agency', 'Category', 'Currency']);
    expect(browser.rows[0]).toEqual(asked.rows[0]);
    const json = await t.http.get('/views/reform-progress?limit=200').set(office()).expect(200);
    expect(asked.rows).toHaveLength(json.body.total + 1);
  });

  it('leaves the payment columns out for a reader who may not see them, as the JSON does', async () => {
    const finance = await csv('/views/contracts?format=csv&lang=en', t.as('cm', 'contract_manager'));
    const reader = await csv('/views/contracts?format=csv&lang=en', viewer());
    const payment = ['Credits applied (yuan)', 'Paid (yuan)'];
    expect(finance.rows[0]).toEqual(expect.arrayContaining(payment));
    expect(reader.rows[0]).toEqual(finance.rows[0].filter((heading) => !payment.includes(heading)));
    expect(reader.rows.length).toBe(finance.rows.length);
    expect(reader.rows.length).toBeGreaterThan(1);
    // A view the role may not read is refused as CSV too.
    await t.http.get('/views/settlements?format=csv').set(viewer()).expect(403);
  });

  it('exports more rows than one page holds, each once, in the list order', async () => {
    const auditor = t.as('a', 'auditor');
    // The actor of most events in a contract's history: the one who records its measurements.
    const contract = await t.http.get('/views/contracts?limit=1').set(auditor).expect(200);
    const trail = await t.http
      .get('/views/audit-trail')
      .query({ streamId: `contract-${contract.body.items[0].contractId}`, limit: 200 })
      .set(auditor)
      .expect(200);
    const counts = new Map<string, number>();
    for (const entry of trail.body.items as { actor: string }[])
      counts.set(entry.actor, (counts.get(entry.actor) ?? 0) + 1);
    const actor = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const positions: number[] = [];
    let cursor: number | null | undefined;
    do {
      const page = await t.http
        .get('/views/audit-trail')
        .query({ actor, limit: 200, ...(cursor ? { cursor } : {}) })
        .set(auditor)
        .expect(200);
      positions.push(...(page.body.items as { globalPosition: number }[]).map((entry) => entry.globalPosition));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(positions.length).toBeGreaterThan(200);
    const { rows } = await csv(`/views/audit-trail?format=csv&actor=${encodeURIComponent(actor)}`, auditor);
    expect(rows[0][0]).toBe('日志位置');
    expect(rows.slice(1).map((line) => Number(line[0]))).toEqual(positions);
  });

  it('answers a bad filter with a 400 problem before sending anything, and an unknown format too', async () => {
    const bad = await t.http.get('/views/provider-scorecards?format=csv&rating=inadequate').set(viewer()).expect(400);
    expect(bad.type).toBe('application/problem+json');
    const format = await t.http.get('/views/units?format=xlsx').set(office()).expect(400);
    expect(format.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
    const lang = await t.http.get('/views/units?format=csv&lang=fr').set(office()).expect(400);
    expect(lang.body.errors).toEqual([expect.objectContaining({ field: 'lang' })]);
  });
});
