import { DomainError } from '@app/errors';
import { ExpectedError, thenThrows } from './domain-errors';

/** Every decider's shape: a pure decision on a command, the stream's state and a context. */
export type Decide<Command, State, Context, Event> = (
  command: Command,
  state: State,
  context: Context,
) => Event[];

export interface DeciderUnderTest<Command, State, Context, Event, Initial, History> {
  decide: Decide<Command, State, Context, Event>;
  /** Folds the history (`given`) into the state the decision is made on. */
  evolve: (state: State | Initial, event: History) => State;
  /** The state of a stream that does not exist yet (`null` for most). */
  initialState: () => Initial;
  /** The context of every `when` of this spec (e.g. a fixed `now`), overridable per case. */
  context: NoInfer<Context>;
}

/** What a decision produced: its events and the state they lead to. */
export interface Decided<State, Event> {
  events: Event[];
  /** The state after folding the decided events (the given state when nothing happened); folded when read. */
  state: State;
}

export interface When<State, Event> {
  /** Exactly these events, in this order. */
  then(...expected: Event[]): Decided<State, Event>;
  /** No event: the command changes nothing (idempotent, or nothing to do yet). */
  thenNothingHappened(): Decided<State, Event>;
  /** Refused with a DomainError (its code, some of its fields, or a check); returns it. */
  thenThrows(expected: ExpectedError): DomainError;
  /** The decision succeeded; its events and resulting state, for expectations of the case's own. */
  thenDecided(): Decided<State, Event>;
}

export interface Given<Command, State, Context, Event> {
  /** The state the history leads to, e.g. to look into it in an expectation. */
  readonly state: State;
  when(command: Command, context?: Partial<Context>): When<State, Event>;
}

export interface DeciderSpecification<Command, State, Context, Event, History> {
  given(...history: History[]): Given<Command, State, Context, Event>;
}

/**
 * given(events).when(command, context?).then(events) / thenThrows(error), for any decider of the
 * `decide(command, state, context)` shape:
 *
 *   const spec = deciderSpec({ decide: lockSeats, evolve, initialState, context: { now, … } });
 *   spec.given(locked('L1', bob, ['A2'])).when(lock(alice, ['A2'])).thenThrows('seat.unavailable');
 */
export function deciderSpec<Command, State, Context, Event extends History, Initial, History>(
  decider: DeciderUnderTest<Command, State, Context, Event, Initial, History>,
): DeciderSpecification<Command, State, Context, Event, History> {
  const fold = (from: State | Initial, events: readonly History[]): State =>
    events.reduce<State | Initial>(decider.evolve, from) as State;
  return {
    given(...history) {
      const state = fold(decider.initialState(), history);
      return {
        state,
        when(command, context = {}) {
          const run = () => decider.decide(command, state, { ...decider.context, ...context });
          const decided = (): Decided<State, Event> => {
            const events = run();
            // Folded on demand: some streams are only ever started, and have no evolve to speak of.
            return {
              events,
              get state() {
                return fold(state, events);
              },
            };
          };
          return {
            then(...expected) {
              const outcome = decided();
              expect(outcome.events).toEqual(expected);
              return outcome;
            },
            thenNothingHappened() {
              const outcome = decided();
              expect(outcome.events).toEqual([]);
              return outcome;
            },
            thenThrows: (expected) => thenThrows(run, expected),
            thenDecided: decided,
          };
        },
      };
    },
  };
}
