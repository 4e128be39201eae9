import type { Money } from '../api/types';

/** The catalog's time zone until the booking policy says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Where a currency is at home: prices read as travellers there read them (`400.000 ₫`). */
const CURRENCY_LOCALES: Record<string, string> = { VND: 'vi-VN' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!(format instanceof Intl.NumberFormat)) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!(format instanceof Intl.DateTimeFormat)) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** An amount in minor units, formatted for its currency (`400.000 ₫`, `€12.50`). */
export function formatMoney(money: Money, fallbackLocale = 'en-GB'): string {
  const locale = CURRENCY_LOCALES[money.currency] ?? fallbackLocale;
  const format = numberFormat(locale, { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 0;
  return format.format(money.amount / 10 ** digits);
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(iso: string | Date, timeZone: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return dateFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

export interface Formatters {
  money(money: Money): string;
  /** 21:00 in the trip's zone. */
  time(iso: string): string;
  /** Sat 12 Dec */
  date(iso: string): string;
  /** Sat 12 Dec 2026, 21:00 */
  dateTime(iso: string): string;
  /** 12/12/2026 */
  shortDate(iso: string): string;
  /** Days between the local dates of two instants (an arrival the next day → 1). */
  daysBetween(fromIso: string, toIso: string): number;
  number(value: number): string;
  percent(value: number): string;
}

export function createFormatters(locale: string, timeZone: string): Formatters {
  const time = dateFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const date = dateFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
  const dateTime = dateFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const shortDate = dateFormat(locale, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  const number = numberFormat(locale, {});
  const percent = numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    money: (money) => formatMoney(money, locale),
    time: (iso) => time.format(new Date(iso)),
    date: (iso) => date.format(new Date(iso)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    shortDate: (iso) => shortDate.format(new Date(iso)),
    daysBetween: (fromIso, toIso) =>
      Math.round(
        (Date.parse(localDate(toIso, timeZone)) - Date.parse(localDate(fromIso, timeZone))) /
          86_400_000,
      ),
    number: (value) => number.format(value),
    percent: (value) => percent.format(value / 100),
  };
}
