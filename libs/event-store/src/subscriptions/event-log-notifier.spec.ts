import { parseAppendedWake } from './event-log-notifier';

describe('parseAppendedWake', () => {
  it('reads the transaction and the types an append notified', () => {
    expect(parseAppendedWake('123456789012 SeatsLocked,BookingCreated')).toEqual({
      transactionId: 123456789012n,
      types: ['SeatsLocked', 'BookingCreated'],
    });
  });

  it('takes `*` as types untold', () => {
    expect(parseAppendedWake('42 *')).toEqual({ transactionId: 42n, types: null });
  });

  it('tells nothing for a payload of another shape (an older sender: the stream id)', () => {
    expect(parseAppendedWake('seat-allocation-7f0c')).toBeNull();
    expect(parseAppendedWake('')).toBeNull();
    expect(parseAppendedWake(undefined)).toBeNull();
  });
});
