import { useMemo } from 'react';
import { usePolicy } from '../api/policy';
import { useI18n } from '../i18n/i18n';
import { createFormatters, DEFAULT_TIME_ZONE, type Formatters } from './format';

export interface AppFormatters extends Formatters {
  /** 6 h 30 min */
  duration(minutes: number): string;
  /** 14:59 as m:ss */
  countdown(seconds: number): string;
  timeZone: string;
}

/** Formatters in the reader's language and the trip's time zone (the catalog's). */
export function useFormat(): AppFormatters {
  const { locale, t } = useI18n();
  const timeZone = usePolicy().data?.timeZone ?? DEFAULT_TIME_ZONE;
  return useMemo(() => {
    const base = createFormatters(locale, timeZone);
    return {
      ...base,
      timeZone,
      duration: (minutes) => {
        const hours = Math.floor(minutes / 60);
        const rest = minutes % 60;
        if (hours === 0) return t('duration.minutes', { minutes: rest });
        if (rest === 0) return t('duration.hours', { hours });
        return t('duration.hoursMinutes', { hours, minutes: rest });
      },
      countdown: (seconds) => {
        const s = Math.max(0, Math.ceil(seconds));
        return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
      },
    };
  }, [locale, timeZone, t]);
}
