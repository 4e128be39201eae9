import type { Seat } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { Button } from '../../ui/Button';
import { seatTypeLabel } from './seat-labels';

interface SelectionSummaryProps {
  seats: readonly Seat[];
  max: number;
  limitReached: boolean;
  busy: boolean;
  onRemove(seatNumber: string): void;
  onContinue(): void;
}

/** The chosen seats, their running total, the trip's limit, and Continue. */
export function SelectionSummary({
  seats,
  max,
  limitReached,
  busy,
  onRemove,
  onContinue,
}: SelectionSummaryProps) {
  const { t, tp } = useI18n();
  const currency = seats[0]?.price.currency ?? 'VND';
  const total = seats.reduce((sum, seat) => sum + seat.price.amount, 0);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{t('selection.title')}</h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {t('selection.limit', { max })}
        </p>
      </div>
      {seats.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">{t('selection.empty')}</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label={t('selection.title')}>
          {seats.map((seat) => (
            <li key={seat.seatNumber} className="flex items-center justify-between gap-3 text-sm">
              <span>
                <strong>{seat.seatNumber}</strong> · {seatTypeLabel(t, seat.type)}
              </span>
              <span className="flex items-center gap-2">
                <span className="tabular">{formatMoney(seat.price)}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={t('selection.remove', { seat: seat.seatNumber })}
                  onClick={() => onRemove(seat.seatNumber)}
                >
                  ×
                </Button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {limitReached && (
        <p
          role="alert"
          className="rounded-lg bg-amber-50 px-3 py-2 text-sm font-medium text-amber-950 dark:bg-amber-950 dark:text-amber-50"
        >
          {t('selection.limitReached', { max })}
        </p>
      )}
      <div className="flex items-center justify-between border-t border-slate-200 pt-3 dark:border-slate-700">
        <span className="text-sm">{tp('selection.count', seats.length)}</span>
        <span className="text-right">
          <span className="block text-xs text-slate-700 dark:text-slate-300">
            {t('selection.fares')}
          </span>
          <strong className="text-xl tabular" data-testid="selection-total">
            {formatMoney({ amount: total, currency })}
          </strong>
        </span>
      </div>
      <p className="text-xs text-slate-700 dark:text-slate-300">{t('selection.priceNote')}</p>
      <Button
        onClick={onContinue}
        disabled={seats.length === 0}
        busy={busy}
        className="w-full max-lg:hidden"
      >
        {t('selection.continue')}
      </Button>
    </div>
  );
}
