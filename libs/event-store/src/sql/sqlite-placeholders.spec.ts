import { toSqliteParams, toSqlitePlaceholders } from './sqlite-placeholders';

describe('toSqlitePlaceholders', () => {
  it('turns $n into ? and lists the parameter for each occurrence', () => {
    expect(toSqlitePlaceholders('SELECT * FROM t WHERE a = $2 AND b = $1 OR c = $2 LIMIT $10')).toEqual({
      sql: 'SELECT * FROM t WHERE a = ? AND b = ? OR c = ? LIMIT ?',
      order: [1, 0, 1, 9],
    });
  });

  it('leaves quoted text and comments alone', () => {
    const sql = `SELECT '$1', "col$2", $1 -- $3\n/* $4 */ FROM t WHERE x = 'it''s $5' AND y = $2`;
    expect(toSqlitePlaceholders(sql)).toEqual({
      sql: `SELECT '$1', "col$2", ? -- $3\n/* $4 */ FROM t WHERE x = 'it''s $5' AND y = ?`,
      order: [0, 1],
    });
  });
});

describe('toSqliteParams', () => {
  it('reorders and converts values better-sqlite3 cannot bind', () => {
    const when = new Date('2024-05-06T07:08:09.000Z');
    expect(toSqliteParams(['a', true, when, undefined, { k: 1 }], [1, 0, 2, 3, 4, 0])).toEqual([
      1,
      'a',
      when.toISOString(),
      null,
      '{"k":1}',
      'a',
    ]);
  });

  it('fails on a placeholder without a parameter', () => {
    expect(() => toSqliteParams([], [0])).toThrow(/\$1/);
  });
});
