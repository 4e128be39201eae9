import { setBounded } from './bounded-map';

describe('setBounded', () => {
  it('drops the entry set longest ago once the map holds its capacity', () => {
    const map = new Map<string, number>();
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) setBounded(map, key, i, 3);
    expect([...map]).toEqual([
      ['b', 1],
      ['c', 2],
      ['d', 3],
    ]);
  });

  it('makes a key set again the newest, dropping nothing for it', () => {
    const map = new Map([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    setBounded(map, 'a', 9, 3);
    expect([...map.keys()]).toEqual(['b', 'c', 'a']);
    setBounded(map, 'd', 3, 3);
    expect([...map]).toEqual([
      ['c', 2],
      ['a', 9],
      ['d', 3],
    ]);
  });
});
