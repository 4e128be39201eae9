import type { Seat, SeatType } from '../../api/types';
import type { I18n } from '../../i18n/i18n';
import type { SeatDisplay } from './seat-state';

export const seatTypeLabel = (t: I18n['t'], type: SeatType) => t(`seat.type.${type}`);
export const seatStatusWord = (t: I18n['t'], display: SeatDisplay) => t(`seat.status.${display}`);

/**
 * A seat's accessible name: its number, then type, price and one status word
 * ("A1, limousine, 400.000 ₫, available").
 */
export function seatName(t: I18n['t'], seat: Seat, price: string, display: SeatDisplay): string {
  // Intl puts no-break spaces in prices (400.000\u00a0₫); a name is read, not wrapped.
  const spoken = price.replace(/[\u00a0\u202f]/g, ' ');
  return [seat.seatNumber, seatTypeLabel(t, seat.type), spoken, seatStatusWord(t, display)].join(
    ', ',
  );
}
