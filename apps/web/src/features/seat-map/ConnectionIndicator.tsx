import { useI18n } from '../../i18n/i18n';
import { cx } from '../../lib/cx';
import type { Connection } from './useLiveSeatMap';

const DOT: Record<Connection, string> = {
  live: 'bg-emerald-500',
  connecting: 'bg-slate-400 animate-pulse',
  reconnecting: 'bg-amber-500 animate-pulse',
  polling: 'bg-amber-500',
};

/** Whether seats update live, are reconnecting, or are polled. */
export function ConnectionIndicator({ connection }: { connection: Connection }) {
  const { t } = useI18n();
  return (
    <p
      data-connection={connection}
      className="inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-xs font-medium text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
      title={t(`connection.${connection}.hint`)}
    >
      <span aria-hidden="true" className={cx('size-2 rounded-full', DOT[connection])} />
      {t(`connection.${connection}`)}
    </p>
  );
}
