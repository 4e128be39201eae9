import { parseDong } from './money-input';

describe('amounts in đồng typed by staff', () => {
  it('reads whole amounts with the usual thousands separators', () => {
    expect(parseDong('450000')).toBe(450_000);
    expect(parseDong('450.000')).toBe(450_000);
    expect(parseDong('450 000 ₫')).toBe(450_000);
    expect(parseDong('1,250,000')).toBe(1_250_000);
  });
  it('refuses anything else', () => {
    for (const text of ['', 'abc', '-5', '12.5k', '1e6']) expect(parseDong(text)).toBeUndefined();
  });
});
