import { StreamHeads } from './stream-heads';

describe('StreamHeads', () => {
  it('keeps the newest head of a stream, whatever order reads and writes report them in', () => {
    const heads = new StreamHeads();
    heads.remember('s', { version: 3, hash: 'h3' });
    heads.remember('s', { version: 2, hash: 'h2' });
    expect(heads.get('s')).toEqual({ version: 3, hash: 'h3' });
    heads.remember('s', { version: 4, hash: 'h4' });
    expect(heads.get('s')).toEqual({ version: 4, hash: 'h4' });
  });

  it('forgets the least recently used stream first', () => {
    const heads = new StreamHeads(2);
    heads.remember('a', { version: 1, hash: 'a' });
    heads.remember('b', { version: 1, hash: 'b' });
    heads.get('a');
    heads.remember('c', { version: 1, hash: 'c' });
    expect([heads.get('a'), heads.get('b'), heads.get('c')]).toEqual([
      { version: 1, hash: 'a' },
      undefined,
      { version: 1, hash: 'c' },
    ]);
  });
});
