import { describe, expect, it } from 'vitest';
import { isValidIdNumber, normalizePhone, toPassengerRequest } from './passenger-rules';

describe('passenger rules (the API’s)', () => {
  it('normalizes phones to E.164 with the default country code', () => {
    expect(normalizePhone('0912 345 678', '84')).toBe('+84912345678');
    expect(normalizePhone('0084 912-345-678', '84')).toBe('+84912345678');
    expect(normalizePhone('+84 (912) 345.678', '84')).toBe('+84912345678');
    expect(normalizePhone('12345', '84')).toBeNull();
  });

  it('checks ID numbers by type', () => {
    expect(isValidIdNumber('citizen_id', '079 123 456 789')).toBe(true);
    expect(isValidIdNumber('citizen_id', '07912345678')).toBe(false);
    expect(isValidIdNumber('passport', 'c1234567')).toBe(true);
    expect(isValidIdNumber('passport', 'C12')).toBe(false);
  });

  it('sends what was typed, normalized, without an empty e-mail', () => {
    expect(
      toPassengerRequest(
        {
          seatNumber: 'A1',
          fullName: '  Nguyễn   Thị Ánh ',
          idType: 'passport',
          idNumber: 'c 1234567',
          phone: '0912345678',
          email: '',
          passengerType: 'senior',
          needsAccessibleSeat: true,
        },
        '84',
      ),
    ).toEqual({
      seatNumber: 'A1',
      fullName: 'Nguyễn Thị Ánh',
      idType: 'passport',
      idNumber: 'C1234567',
      phone: '+84912345678',
      passengerType: 'senior',
      needsAccessibleSeat: true,
    });
  });
});
