import { memo } from 'react';
import type { Seat } from '../../api/types';
import { cx } from '../../lib/cx';
import type { SeatDisplay } from './seat-state';

const TYPE_BAND: Record<Seat['type'], string> = {
  standard: 'bg-slate-500 dark:bg-slate-400',
  limousine: 'bg-amber-500 dark:bg-amber-400',
  sleeper: 'bg-teal-600 dark:bg-teal-400',
};

const DISPLAY: Record<SeatDisplay, string> = {
  available:
    'border-slate-300 bg-white text-slate-900 hover:border-brand-500 hover:bg-brand-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:border-brand-300 dark:hover:bg-slate-800',
  selected:
    'border-brand-700 bg-brand-600 text-white shadow-md ring-2 ring-brand-300 dark:border-brand-200 dark:bg-brand-500 dark:ring-brand-700',
  yours:
    'border-emerald-600 bg-emerald-50 text-emerald-950 hover:bg-emerald-100 dark:border-emerald-400 dark:bg-emerald-950 dark:text-emerald-50',
  held: 'cursor-not-allowed border-dashed border-slate-400 bg-slate-200 bg-[repeating-linear-gradient(135deg,transparent_0_6px,rgb(0_0_0/0.07)_6px_12px)] text-slate-700 dark:border-slate-400 dark:bg-slate-800 dark:bg-[repeating-linear-gradient(135deg,transparent_0_6px,rgb(255_255_255/0.09)_6px_12px)] dark:text-slate-300',
  booked:
    'cursor-not-allowed border-slate-300 bg-slate-300 text-slate-700 dark:border-slate-700 dark:bg-slate-700 dark:text-slate-200',
};

interface SeatButtonProps {
  seat: Seat;
  display: SeatDisplay;
  label: string;
  price: string;
  focusable: boolean;
  /** Id of the text describing accessible seats, for those that are. */
  accessibleHintId: string;
  onToggle(seatNumber: string): void;
  onFocusSeat(seatNumber: string): void;
}

/** One seat: a toggle button (aria-pressed) named by number, type, price and status. */
export const SeatButton = memo(function SeatButton({
  seat,
  display,
  label,
  price,
  focusable,
  accessibleHintId,
  onToggle,
  onFocusSeat,
}: SeatButtonProps) {
  const unavailable = display === 'held' || display === 'booked';
  return (
    <button
      type="button"
      data-seat={seat.seatNumber}
      data-status={display}
      aria-label={label}
      aria-pressed={display === 'selected'}
      aria-disabled={unavailable || undefined}
      aria-describedby={seat.accessible ? accessibleHintId : undefined}
      tabIndex={focusable ? 0 : -1}
      onClick={() => onToggle(seat.seatNumber)}
      onFocus={() => onFocusSeat(seat.seatNumber)}
      style={{ gridRow: seat.row, gridColumn: seat.col }}
      className={cx(
        'relative flex min-w-0 flex-col items-center justify-center overflow-hidden rounded-lg border-2 px-0.5 pt-2 pb-1 text-center transition-colors focus-visible:outline-3 focus-visible:outline-offset-2',
        seat.type === 'sleeper' ? 'min-h-18' : 'min-h-15',
        DISPLAY[display],
      )}
    >
      <span
        aria-hidden="true"
        className={cx('absolute inset-x-0 top-0 h-1.5', TYPE_BAND[seat.type])}
      />
      <span aria-hidden="true" className="text-sm leading-tight font-bold">
        {seat.seatNumber}
        {seat.accessible && <span className="ml-0.5">♿</span>}
      </span>
      <span
        aria-hidden="true"
        className={cx(
          'text-[0.68rem] leading-tight tabular',
          display === 'booked' && 'line-through',
        )}
      >
        {price}
      </span>
      {display === 'yours' && (
        <span aria-hidden="true" className="text-[0.62rem] leading-none font-semibold">
          ✓
        </span>
      )}
    </button>
  );
});
