/**
 * Browser storage that never throws (private modes, quotas). What goes in: sessions, tokens and
 * preferences — never ID numbers or phone numbers.
 */
export function readJson(storage: 'local' | 'session', key: string): unknown {
  try {
    const text = (storage === 'local' ? localStorage : sessionStorage).getItem(key);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function writeJson(storage: 'local' | 'session', key: string, value: unknown): void {
  try {
    const target = storage === 'local' ? localStorage : sessionStorage;
    if (value === undefined) target.removeItem(key);
    else target.setItem(key, JSON.stringify(value));
  } catch {
    // storage unavailable: the value lasts for this page only
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isString = (value: unknown): value is string => typeof value === 'string';
