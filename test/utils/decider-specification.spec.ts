import { DomainError } from '@app/errors';
import { deciderSpec } from './decider-specification';

/** A counter stream: enough to show the helper fails when a decision is not what a case says. */
type Counted = { type: 'Counted'; data: { by: number; at: string } };
type Count = { by: number };
const count = (command: Count, state: number | null, { now, max }: { now: Date; max: number }) => {
  if ((state ?? 0) + command.by > max) throw new DomainError('seat.limit_exceeded', 'too high');
  return command.by === 0
    ? []
    : [{ type: 'Counted' as const, data: { by: command.by, at: now.toISOString() } }];
};
const T0 = new Date('2026-11-25T08:00:00.000Z');
const spec = deciderSpec({
  decide: count,
  evolve: (state: number | null, event: Counted) => (state ?? 0) + event.data.by,
  initialState: (): number | null => null,
  context: { now: T0, max: 3 },
});
const counted = (by: number, at = T0): Counted => ({
  type: 'Counted',
  data: { by, at: at.toISOString() },
});

describe('deciderSpec', () => {
  it('decides on the state the given events lead to, with the default context', () => {
    const { events, state } = spec.given(counted(1)).when({ by: 2 }).then(counted(2));
    expect(events).toEqual([counted(2)]);
    expect(state).toBe(3);
    spec.given(counted(1), counted(2)).when({ by: 1 }).thenThrows('seat.limit_exceeded');
  });

  it('merges a case’s context over the default one', () => {
    const later = new Date('2026-11-26T00:00:00.000Z');
    spec.given().when({ by: 1 }, { now: later }).then(counted(1, later));
    spec.given(counted(3)).when({ by: 1 }, { max: 4 }).then(counted(1));
  });

  it('fails a case whose decision differs from what it expects', () => {
    expect(() => spec.given().when({ by: 1 }).then(counted(2))).toThrow();
    expect(() => spec.given().when({ by: 1 }).then()).toThrow();
    expect(() => spec.given().when({ by: 1 }).thenNothingHappened()).toThrow();
    expect(() => spec.given().when({ by: 9 }).then(counted(9))).toThrow('too high');
    expect(() => spec.given().when({ by: 1 }).thenThrows('seat.limit_exceeded')).toThrow(
      'expected a domain error (seat.limit_exceeded), but the decision succeeded',
    );
    expect(() => spec.given().when({ by: 9 }).thenThrows('seat.unknown')).toThrow();
    expect(() => spec.given().when({ by: 9 }).thenThrows({ kind: 'conflict' })).toThrow();
    spec.given().when({ by: 0 }).thenNothingHappened();
  });

  it('accepts a refusal by code, by some of its fields or by a check of its own', () => {
    const refused = spec.given().when({ by: 4 });
    expect(refused.thenThrows('seat.limit_exceeded').message).toBe('too high');
    refused.thenThrows({ code: 'seat.limit_exceeded', message: 'too high' });
    refused.thenThrows((error) => expect(error.code).toMatch(/^seat\./));
  });
});
