import type { AppConfig } from '@app/config';

/** A time as the traveller reads it in a mail: in the operator's time zone (CATALOG_TIME_ZONE). */
export function localTime(
  config: Pick<AppConfig, 'catalog'>,
  iso: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' },
): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: config.catalog.timeZone, ...options }).format(
    new Date(iso),
  );
}
