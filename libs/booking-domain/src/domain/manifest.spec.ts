import type { Booking } from './booking.state';
import { manifestOf } from './manifest';

const passenger = (seatNumber: string, fullName: string) => ({
  passengerId: `p-${seatNumber}`,
  seatNumber,
  fullName,
  idType: 'citizen_id' as const,
  idNumber: `sealed-id-${seatNumber}`,
  idNumberMasked: `••••${seatNumber}`,
  phone: `sealed-phone-${seatNumber}`,
  phoneMasked: `••${seatNumber}`,
  passengerType: 'adult' as const,
  needsAccessibleSeat: seatNumber === 'A2',
});
const booking = (reference: string, seats: string[], boarded: string[] = []) =>
  ({
    reference,
    passengers: seats.map((s) => passenger(s, `Name ${s}`)),
    boarded,
  }) as unknown as Booking;

describe('manifestOf', () => {
  const bookings = [booking('B1', ['A10', 'A2'], ['A2']), booking('B2', ['A9'])];

  it('lists every passenger in seat order, boarded or not, masked', () => {
    const lines = manifestOf(bookings, { reveal: false, open: () => 'never' });
    expect(lines.map((l) => [l.seatNumber, l.bookingReference, l.boarded])).toEqual([
      ['A2', 'B1', true],
      ['A9', 'B2', false],
      ['A10', 'B1', false],
    ]);
    expect(lines[0]).toMatchObject({
      idNumber: '••••A2',
      phone: '••A2',
      needsAccessibleSeat: true,
    });
  });

  it('opens the sealed ID numbers and phones only when revealed', () => {
    const lines = manifestOf(bookings, { reveal: true, open: (s) => s.replace('sealed-', '') });
    expect(lines[0]).toMatchObject({ idNumber: 'id-A2', phone: 'phone-A2' });
  });
});
