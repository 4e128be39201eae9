import type { Money } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { Button } from '../../ui/Button';

/**
 * On phones, the running total and Continue stay at the bottom of the screen while the traveller
 * scrolls the map (the summary with the seat list follows the map).
 */
export function ContinueBar({
  count,
  total,
  busy,
  onContinue,
}: {
  count: number;
  total: Money;
  busy: boolean;
  onContinue(): void;
}) {
  const { t, tp } = useI18n();
  return (
    <div
      data-print="hide"
      className="sticky bottom-0 z-20 -mx-4 flex items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur lg:hidden dark:border-slate-800 dark:bg-slate-900/95"
    >
      <p className="min-w-0 flex-1 text-sm" aria-live="off">
        {tp('selection.count', count)} · <strong className="tabular">{formatMoney(total)}</strong>
      </p>
      <Button onClick={onContinue} disabled={count === 0} busy={busy}>
        {t('selection.continue')}
      </Button>
    </div>
  );
}
