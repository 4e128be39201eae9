import type { ReactNode } from 'react';
import { cx } from '../lib/cx';

const TONES = {
  info: 'border-brand-200 bg-brand-50 text-brand-900 dark:border-brand-800 dark:bg-brand-900/40 dark:text-brand-100',
  success:
    'border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100',
  warning:
    'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100',
  error:
    'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100',
} as const;

/** A message in the page. `role` decides how screen readers hear it (alert: at once). */
export function Alert({
  tone = 'info',
  title,
  children,
  role,
  className,
  action,
}: {
  tone?: keyof typeof TONES;
  title?: ReactNode;
  children?: ReactNode;
  role?: 'alert' | 'status';
  className?: string;
  action?: ReactNode;
}) {
  return (
    <div
      role={role}
      className={cx(
        'flex flex-wrap items-start gap-3 rounded-xl border px-4 py-3 text-sm',
        TONES[tone],
        className,
      )}
    >
      <div className="min-w-0 flex-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className={cx(title ? 'mt-1' : undefined)}>{children}</div>}
      </div>
      {action}
    </div>
  );
}
