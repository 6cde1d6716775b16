import { normalisedSubject, sameSubject } from './subject';

describe('subjects', () => {
  it.each([
    ['li.office', 'LI.OFFICE'],
    ['li.office', ' li.office\t'],
    ['li.office', 'ｌｉ．ｏｆｆｉｃｅ'], // full-width letters and full stop
    ['user:finance-officer-1', 'User:Finance-Officer-1'],
  ])('treats %p and %p as the same principal', (a, b) => {
    expect(sameSubject(a, b)).toBe(true);
  });

  it('keeps different principals apart', () => {
    expect(sameSubject('li.office', 'li.office2')).toBe(false);
    expect(sameSubject('li.office', 'li office')).toBe(false);
  });

  it('normalises to one comparable form', () => {
    expect(normalisedSubject(' ＷＡＮＧ.Approver ')).toBe('wang.approver');
  });
});
