import { useI18n } from '../../i18n/i18n';
import { cx } from '../../lib/cx';

const STEPS = ['seats', 'passengers', 'review', 'payment'] as const;
export type CheckoutStep = (typeof STEPS)[number];

/** Where the traveller is in the journey. */
export function CheckoutSteps({ current }: { current: CheckoutStep }) {
  const { t } = useI18n();
  const at = STEPS.indexOf(current);
  return (
    <nav aria-label={t('steps.label')} data-print="hide">
      <ol className="flex flex-wrap gap-x-2 gap-y-1 text-sm">
        {STEPS.map((step, index) => (
          <li key={step} className="flex items-center gap-2">
            <span
              aria-current={index === at ? 'step' : undefined}
              className={cx(
                'rounded-full px-3 py-1 font-medium',
                index === at
                  ? 'bg-brand-600 text-white dark:bg-brand-500'
                  : index < at
                    ? 'bg-brand-100 text-brand-900 dark:bg-brand-900 dark:text-brand-100'
                    : 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
              )}
            >
              {index + 1}. {t(`steps.${step}`)}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
