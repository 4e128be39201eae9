import { fareTextsOf, readFares } from './fare-fields';

// The messages are keys here: what is checked is which field gets which problem.
const t = ((key: string) => key) as Parameters<typeof readFares>[3];

describe('fares typed by staff', () => {
  it('gives the fares of the types typed in, in the currency', () => {
    const texts = { ...fareTextsOf(), standard: '250.000', sleeper: '400 000' };
    expect(readFares(texts, ['standard', 'sleeper'], 'VND', t)).toEqual({
      fares: {
        standard: { amount: 250_000, currency: 'VND' },
        sleeper: { amount: 400_000, currency: 'VND' },
      },
      problems: {},
    });
  });

  it('asks for the standard fare and for every type the bus has; refuses what is not an amount', () => {
    const texts = { standard: '', limousine: 'abc', sleeper: '' };
    expect(readFares(texts, ['standard', 'sleeper'], 'VND', t)).toEqual({
      fares: undefined,
      problems: {
        standard: 'operator.fares.required',
        limousine: 'operator.fares.invalid',
        sleeper: 'operator.fares.requiredType',
      },
    });
    // A type the bus lacks may stay empty.
    expect(readFares({ ...texts, standard: '1', limousine: '' }, ['standard'], 'VND', t)).toEqual({
      fares: { standard: { amount: 1, currency: 'VND' } },
      problems: {},
    });
  });

  it('reads only the fields shown: a type the chosen bus has not is left out, whatever it holds', () => {
    const texts = { standard: '250000', limousine: 'abc', sleeper: '400000' };
    expect(readFares(texts, ['standard', 'sleeper'], 'VND', t, ['standard', 'sleeper'])).toEqual({
      fares: {
        standard: { amount: 250_000, currency: 'VND' },
        sleeper: { amount: 400_000, currency: 'VND' },
      },
      problems: {},
    });
  });

  it('starts from a trip’s fares', () => {
    expect(fareTextsOf({ standard: { amount: 300_000, currency: 'VND' } })).toEqual({
      standard: '300000',
      limousine: '',
      sleeper: '',
    });
  });
});
