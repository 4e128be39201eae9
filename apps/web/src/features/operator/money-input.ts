/** `450.000`, `450 000`, `450,000` or `450000` đồng → 450000; undefined when not a whole amount. */
export function parseDong(text: string): number | undefined {
  const digits = text.replace(/[\s.,_]/g, '').replace(/(₫|đ|vnd)$/i, '');
  if (!/^\d{1,12}$/.test(digits)) return undefined;
  return Number(digits);
}
