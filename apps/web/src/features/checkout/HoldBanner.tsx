import { useState } from 'react';
import { isApiError } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { cx } from '../../lib/cx';
import { useFormat } from '../../lib/useFormat';
import { useNow } from '../../lib/useNow';
import { Button } from '../../ui/Button';
import { useToaster } from '../../ui/Toaster';
import { useCheckout } from './checkout-context';

/** Warn this long before a hold ends, and offer to extend it. */
export const HOLD_WARNING_SECONDS = 120;

/** The hold's countdown, visible through the steps before booking; extends it on request. */
export function HoldBanner() {
  const { hold, extend } = useCheckout();
  const { t } = useI18n();
  const format = useFormat();
  const toaster = useToaster();
  const now = useNow(1000, hold !== undefined);
  const [extending, setExtending] = useState(false);
  if (!hold) return null;

  const seconds = Math.max(0, (hold.deadline - now) / 1000);
  const warning = seconds <= HOLD_WARNING_SECONDS;
  const onExtend = async () => {
    setExtending(true);
    try {
      const next = await extend();
      toaster.show({
        tone: 'success',
        title: t('hold.extended', { time: format.time(next.expiresAt) }),
      });
    } catch (error) {
      toaster.show({
        tone: 'error',
        title: t('hold.extendFailed'),
        description: isApiError(error) ? error.message : undefined,
      });
    } finally {
      setExtending(false);
    }
  };

  return (
    <div
      data-print="hide"
      data-hold-banner=""
      className={cx(
        'sticky top-0 z-30 border-b backdrop-blur',
        warning
          ? 'border-amber-300 bg-amber-50/95 text-amber-950 dark:border-amber-700 dark:bg-amber-950/95 dark:text-amber-50'
          : 'border-brand-200 bg-brand-50/95 text-brand-950 dark:border-brand-800 dark:bg-slate-900/95 dark:text-brand-50',
      )}
    >
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 text-sm">
        <p className="min-w-0 flex-1">
          {t('hold.banner', { seats: hold.seatNumbers.join(', ') })}{' '}
          <strong
            role="timer"
            aria-label={t('hold.timeLeft', { time: format.countdown(seconds) })}
            className="tabular"
          >
            {format.countdown(seconds)}
          </strong>
        </p>
        {warning && (
          <>
            <p role="alert" className="font-semibold">
              {t('hold.warning')}
            </p>
            <Button size="sm" variant="primary" busy={extending} onClick={onExtend}>
              {t('hold.extend')}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
