import type { AuditEntry } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';
import { auditLine } from './audit-line';

/** The booking's history, oldest first: what happened, when, by whom. */
export function AuditTrail({ entries }: { entries: readonly AuditEntry[] }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <ol className="relative flex flex-col gap-4 border-l-2 border-slate-200 pl-5 dark:border-slate-700">
      {entries.map((entry) => (
        <li key={entry.version} className="relative">
          <span
            aria-hidden="true"
            className="absolute top-1.5 -left-[1.65rem] size-3 rounded-full border-2 border-white bg-brand-600 dark:border-slate-900 dark:bg-brand-300"
          />
          <p className="text-sm font-semibold">{t(`audit.${entry.type}`)}</p>
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {auditLine(entry, t, format)}
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> ·{' '}
            {t(`audit.actor.${entry.actor.kind}`)}
            {entry.reason && ` · ${entry.reason}`}
          </p>
        </li>
      ))}
    </ol>
  );
}
