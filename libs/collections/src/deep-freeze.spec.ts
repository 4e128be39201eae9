import { deepFreeze } from './deep-freeze';

describe('deepFreeze', () => {
  it('freezes an object and what it holds, and returns it', () => {
    const booking = { id: 'b', passengers: [{ name: 'Ánh', seat: 'A1' }], price: { amount: 1 } };
    expect(deepFreeze(booking)).toBe(booking);
    expect(Object.isFrozen(booking.passengers)).toBe(true);
    expect(() => {
      booking.passengers[0].seat = 'A2';
    }).toThrow(TypeError);
    expect(() => booking.passengers.push({ name: 'Bình', seat: 'A3' })).toThrow(TypeError);
    expect(booking.passengers).toEqual([{ name: 'Ánh', seat: 'A1' }]);
  });

  it('leaves values that are not objects as they are', () => {
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBe(null);
  });
});
