import { CSV_LANGUAGES, CSV_VIEWS, HEADED_FIELDS, headingOf } from './csv-columns';
import { csvCell, csvLanguageOf, csvLines, csvRow, yuanOf } from './csv-export';

describe('CSV export', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [150_000_000, '1500000.00'],
    [-123_456, '-1234.56'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('writes %p fen as %s yuan, exactly', (minor, yuan) => {
    expect(yuanOf(minor)).toBe(yuan);
  });

  it('refuses money that is not a safe integer rather than round it', () => {
    expect(() => yuanOf(0.5)).toThrow();
    expect(() => yuanOf(2 ** 53)).toThrow();
  });

  it('quotes what RFC 4180 requires and nothing else', () => {
    expect(csvRow(['a', 'b c', '食堂', ''])).toBe('a,b c,食堂,\r\n');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' edge')).toBe('" edge"');
  });

  it('writes numbers as numbers, money in yuan, objects as JSON, and defuses formulas', () => {
    const row = {
      name: '=HYPERLINK("http://x")',
      reason: '+1',
      actor: '@admin',
      agency: '-2',
      establishment: -3,
      baselineCostMinor: 123_45,
      openMilestones: [{ milestoneId: 'plan' }],
      corrected: true,
      planMode: null,
    };
    const columns = Object.keys(row);
    expect(csvLines([row], columns)).toBe(
      `"'=HYPERLINK(""http://x"")",'+1,'@admin,'-2,-3,123.45,"[{""milestoneId"":""plan""}]",true,\r\n`,
    );
  });

  it('answers in Chinese unless asked for English, by lang or by the browser', () => {
    expect(csvLanguageOf(undefined, undefined)).toBe('zh-CN');
    expect(csvLanguageOf(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(csvLanguageOf(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(csvLanguageOf('zh-CN', 'en-US')).toBe('zh-CN');
    expect(csvLanguageOf('en', undefined)).toBe('en');
  });

  it.each(Object.keys(CSV_VIEWS))('heads every column of %s in both languages, each heading once', (view) => {
    const columns: readonly string[] = CSV_VIEWS[view as keyof typeof CSV_VIEWS].columns;
    expect(columns.filter((column) => !HEADED_FIELDS.has(column))).toEqual([]);
    expect(new Set(columns).size).toBe(columns.length);
    for (const language of CSV_LANGUAGES) {
      const headings = columns.map((column) => headingOf(column, language));
      expect(new Set(headings).size).toBe(headings.length);
    }
  });

  it('says in the heading of a money column that it is in yuan', () => {
    expect(headingOf('baselineCostMinor', 'zh-CN')).toBe('改革前年度成本（元）');
    expect(headingOf('baselineCostMinor', 'en')).toBe('Baseline annual cost (yuan)');
  });
});
