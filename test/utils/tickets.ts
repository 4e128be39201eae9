import type { TicketDocument, TicketSigner } from '@app/ticketing';

export const VIETNAMESE_NAMES = [
  'Nguyễn Thị Ánh',
  'Trần Văn Bình',
  'Lê Hoàng Yến',
  'Phạm Đức Thắng',
  'Võ Thị Ngọc Hân',
];

/** A ticket of `passengers` passengers (up to five) with signed codes, as the issuer builds it. */
export function sampleTicket(
  signer: TicketSigner,
  passengers: number,
  overrides: Partial<TicketDocument> = {},
  reference = 'BUS20261125K7QM4XAB3C9',
): TicketDocument {
  const names = VIETNAMESE_NAMES.slice(0, passengers);
  return {
    brand: {
      name: 'VéXe Bus Lines',
      color: '#0b5394',
      contact: 'support@vexe.example',
      terms: 'Be there 30 minutes early. Điều khoản áp dụng.',
    },
    reference,
    bookingId: '5c6f3d43-7d1e-4d2a-9a0c-4c0a9d1a2b3c',
    status: 'confirmed',
    void: false,
    trip: {
      route: 'Hà Nội – Sa Pa',
      date: 'Thu, 26 November 2026',
      departureTime: '21:00',
      arrivalTime: '03:00',
      bus: 'Sapa Express Sleeper',
      plateNumber: '29B-79243',
    },
    passengers: names.map((fullName, index) => ({
      index,
      seatNumber: `A0${index + 1}`,
      fullName,
      passengerType: 'Adult',
      idType: 'Citizen ID',
      idNumberMasked: '••••••••6789',
      qrPayload: signer.sign({
        v: 1,
        ref: reference,
        bid: '5c6f3d43-7d1e-4d2a-9a0c-4c0a9d1a2b3c',
        trip: 'trip-1',
        dep: '2026-11-26T14:00:00.000Z',
        seat: `A0${index + 1}`,
        pax: index,
      }),
    })),
    fares: {
      lines: names.map((_, i) => ({
        seatNumber: `A0${i + 1}`,
        passengerType: 'Adult',
        base: '450.000 ₫',
        discount: '0 ₫',
        net: '450.000 ₫',
        tax: '45.000 ₫',
      })),
      subtotal: '450.000 ₫',
      tax: '45.000 ₫',
      total: '495.000 ₫',
    },
    ...overrides,
  };
}
