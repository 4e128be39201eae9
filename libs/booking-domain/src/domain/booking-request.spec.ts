import { DomainError } from '@app/errors';
import { normalizePhone, PassengerInput, validateBookingRequest } from './booking-request';

const trip = {
  seats: new Map([
    ['A1', { accessible: false }],
    ['A2', { accessible: true }],
    ['A3', { accessible: false }],
  ]),
  maxSeatsPerBooking: 2,
};
const adult = (seatNumber: string, overrides: Partial<PassengerInput> = {}): PassengerInput => ({
  seatNumber,
  fullName: '  Nguyễn   Thị Ánh ',
  idType: 'citizen_id',
  idNumber: '079 123 456 789',
  phone: '0912 345 678',
  passengerType: 'adult',
  ...overrides,
});
const contact = { email: ' Anh@Example.COM ', phone: '+84 912-345-678' };

function violations(run: () => unknown): { code: string; fields: string[] } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.kind).toBe('rule');
    return {
      code: e.code,
      fields: (e.extensions.errors as { field: string }[]).map((v) => v.field),
    };
  }
  throw new Error('expected a violation');
}

describe('validateBookingRequest', () => {
  it('normalizes seats, names, ID numbers, phones (E.164) and e-mails', () => {
    const valid = validateBookingRequest(
      { seatNumbers: ['a1'], passengers: [adult('a1', { email: 'X@Y.VN' })], contact },
      trip,
      '84',
    );
    expect(valid).toEqual({
      seatNumbers: ['A1'],
      passengers: [
        {
          seatNumber: 'A1',
          fullName: 'Nguyễn Thị Ánh',
          idType: 'citizen_id',
          idNumber: '079123456789',
          phone: '+84912345678',
          email: 'x@y.vn',
          passengerType: 'adult',
          needsAccessibleSeat: false,
        },
      ],
      contact: { email: 'anh@example.com', phone: '+84912345678' },
    });
  });

  it.each([
    ['no seats', { seatNumbers: [], passengers: [] }, 'booking.no_seats'],
    [
      'too many seats',
      { seatNumbers: ['A1', 'A2', 'A3'], passengers: [adult('A1'), adult('A2'), adult('A3')] },
      'seat.limit_exceeded',
    ],
    ['a repeated seat', { seatNumbers: ['A1', 'a1'], passengers: [adult('A1')] }, 'seat.duplicate'],
    ['an unknown seat', { seatNumbers: ['Z9'], passengers: [adult('Z9')] }, 'seat.unknown'],
    [
      'a seat without passenger',
      { seatNumbers: ['A1', 'A2'], passengers: [adult('A1')] },
      'passenger.seat_mismatch',
    ],
    [
      'a passenger on another seat',
      { seatNumbers: ['A1'], passengers: [adult('A3')] },
      'passenger.seat_mismatch',
    ],
    [
      'two passengers on one seat',
      { seatNumbers: ['A1'], passengers: [adult('A1'), adult('A1')] },
      'passenger.seat_mismatch',
    ],
    [
      'an empty name',
      { seatNumbers: ['A1'], passengers: [adult('A1', { fullName: ' ' })] },
      'passenger.invalid_name',
    ],
    [
      'a short citizen ID',
      { seatNumbers: ['A1'], passengers: [adult('A1', { idNumber: '12345' })] },
      'passenger.invalid_id_number',
    ],
    [
      'a bad passport number',
      { seatNumbers: ['A1'], passengers: [adult('A1', { idType: 'passport', idNumber: 'AB-12' })] },
      'passenger.invalid_id_number',
    ],
    [
      'a bad phone',
      { seatNumbers: ['A1'], passengers: [adult('A1', { phone: '12' })] },
      'passenger.invalid_phone',
    ],
    [
      'a bad passenger e-mail',
      { seatNumbers: ['A1'], passengers: [adult('A1', { email: 'nope' })] },
      'passenger.invalid_email',
    ],
    [
      'an inaccessible seat for who needs one',
      { seatNumbers: ['A1'], passengers: [adult('A1', { needsAccessibleSeat: true })] },
      'passenger.accessible_seat_required',
    ],
  ])('refuses %s with its own code', (_, request, code) => {
    expect(violations(() => validateBookingRequest({ ...request, contact }, trip, '84')).code).toBe(
      code,
    );
  });

  it('accepts a passport of 6–9 letters or digits and an accessible seat for who needs one', () => {
    const valid = validateBookingRequest(
      {
        seatNumbers: ['A2'],
        passengers: [
          adult('A2', { idType: 'passport', idNumber: 'c1234567', needsAccessibleSeat: true }),
        ],
        contact,
      },
      trip,
      '84',
    );
    expect(valid.passengers[0].idNumber).toBe('C1234567');
  });

  it('names every broken rule at once', () => {
    const result = violations(() =>
      validateBookingRequest(
        {
          seatNumbers: ['A1'],
          passengers: [adult('A1', { idNumber: 'x', phone: 'y' })],
          contact: { email: 'bad', phone: 'bad' },
        },
        trip,
        '84',
      ),
    );
    expect(result.code).toBe('passenger.invalid_id_number');
    expect(result.fields).toEqual([
      'passengers[0].idNumber',
      'passengers[0].phone',
      'contact.email',
      'contact.phone',
    ]);
  });
});

describe('validateBookingRequest on text that looks empty or hides characters', () => {
  const request =
    (fullName: string, email = 'anh@example.com') =>
    () =>
      validateBookingRequest(
        {
          seatNumbers: ['A1'],
          passengers: [adult('A1', { fullName, email })],
          contact: { ...contact, email },
        },
        trip,
        '84',
      );

  it('refuses names made only of invisible or bidi-control characters, or without a letter', () => {
    for (const name of [
      '\u200b\u200b\u200b',
      '\u202e\u202d\u2066\u2069',
      '\u00a0\u2000 ',
      '12 34',
    ]) {
      expect([JSON.stringify(name), violations(request(name)).fields]).toEqual([
        JSON.stringify(name),
        ['passengers[0].fullName'],
      ]);
    }
    expect(() => request('Lê Ánh')()).not.toThrow();
  });

  it('refuses e-mail addresses with a NUL, a control or an invisible character', () => {
    for (const email of [
      'an\u0000h@example.com',
      'anh@exa\u200bmple.com',
      'anh@example.com\u0007',
    ]) {
      expect([JSON.stringify(email), violations(request('Lê Ánh', email)).fields]).toEqual([
        JSON.stringify(email),
        ['passengers[0].email', 'contact.email'],
      ]);
    }
  });
});

describe('normalizePhone', () => {
  it('gives E.164 or null', () => {
    expect(normalizePhone('+84 (91) 234-5678', '84')).toBe('+84912345678');
    expect(normalizePhone('0084912345678', '84')).toBe('+84912345678');
    expect(normalizePhone('0912.345.678', '84')).toBe('+84912345678');
    expect(normalizePhone('+1 415 555 2671', '84')).toBe('+14155552671');
    expect(normalizePhone('912345678', '84')).toBeNull();
    expect(normalizePhone('+0123456789', '84')).toBeNull();
    expect(normalizePhone('call me', '84')).toBeNull();
  });
});
