import { describe, expect, it } from 'vitest';
import { grid } from '../../test/seats';
import { applyDelta, applyHoldChange, applyPolled, fromSeatMap, seatDisplay } from './seat-state';

const TRIP = '6f1c2a9e-3b7d-4c1e-9a52-0d8e4f7b2c13';
const state = () => fromSeatMap({ kind: 'map', tripId: TRIP, version: 4, seats: grid(1, 3) });
const statusOf = (s: ReturnType<typeof state>, seatNumber: string) =>
  s.seats.find((seat) => seat.seatNumber === seatNumber);

describe('seat map state (asyncapi.yaml rules)', () => {
  it('applies a delta from the version it is at, and marks whose change it was', () => {
    const result = applyDelta(
      state(),
      {
        tripId: TRIP,
        fromVersion: 4,
        version: 5,
        changes: [
          { seatNumber: 'A1', status: 'locked', expiresAt: '2026-11-25T08:20:00Z' },
          { seatNumber: 'A2', status: 'booked' },
        ],
      },
      (seatNumber) => seatNumber === 'A1',
    );
    if (result.kind !== 'applied') throw new Error(result.kind);
    expect(result.state.version).toBe(5);
    expect(result.state.etag).toBe('"5"');
    expect(statusOf(result.state, 'A1')).toMatchObject({ status: 'locked', heldByYou: true });
    expect(statusOf(result.state, 'A2')).toMatchObject({ status: 'booked', heldByYou: false });
    expect(result.updates.map((u) => [u.seat.seatNumber, u.mine])).toEqual([
      ['A1', true],
      ['A2', false],
    ]);
  });

  it('ignores a delta it already has, and reports a gap', () => {
    const at4 = state();
    expect(
      applyDelta(at4, { tripId: TRIP, fromVersion: 3, version: 4, changes: [] }, () => false).kind,
    ).toBe('stale');
    expect(
      applyDelta(at4, { tripId: TRIP, fromVersion: 5, version: 6, changes: [] }, () => false).kind,
    ).toBe('gap');
  });

  it('drops the end of a hold when the seat is free again', () => {
    const held = applyDelta(
      state(),
      {
        tripId: TRIP,
        fromVersion: 4,
        version: 5,
        changes: [{ seatNumber: 'A3', status: 'locked', expiresAt: '2026-11-25T08:20:00Z' }],
      },
      () => false,
    );
    if (held.kind !== 'applied') throw new Error(held.kind);
    const freed = applyDelta(
      held.state,
      {
        tripId: TRIP,
        fromVersion: 5,
        version: 6,
        changes: [{ seatNumber: 'A3', status: 'available' }],
      },
      () => false,
    );
    if (freed.kind !== 'applied') throw new Error(freed.kind);
    expect(statusOf(freed.state, 'A3')).not.toHaveProperty('expiresAt');
  });

  it('applies polled changes, which say whose a hold is', () => {
    const { state: next, updates } = applyPolled(state(), {
      kind: 'changes',
      tripId: TRIP,
      fromVersion: 4,
      version: 7,
      changes: [
        { seatNumber: 'A2', status: 'locked', expiresAt: '2026-11-25T08:20:00Z', heldByYou: true },
      ],
    });
    expect(next.version).toBe(7);
    expect(updates).toEqual([
      { seat: expect.objectContaining({ seatNumber: 'A2', heldByYou: true }), mine: true },
    ]);
  });

  it('marks the holder’s seats from its hold changes (another tab holding, extending, releasing)', () => {
    const locked = applyHoldChange(state(), {
      tripId: TRIP,
      version: 5,
      lockId: '0b7e4c52-8f0a-4d67-a1f3-5c9e2d8b7a60',
      change: 'locked',
      seatNumbers: ['A1', 'A2'],
      expiresAt: '2026-11-25T08:20:00Z',
      transferredFrom: [],
    });
    expect(statusOf(locked, 'A1')).toMatchObject({ status: 'locked', heldByYou: true });
    const released = applyHoldChange(locked, {
      tripId: TRIP,
      version: 6,
      lockId: '0b7e4c52-8f0a-4d67-a1f3-5c9e2d8b7a60',
      change: 'released',
      seatNumbers: ['A1', 'A2'],
    });
    expect(statusOf(released, 'A2')).toMatchObject({ status: 'available', heldByYou: false });
  });

  it('keeps a hold ours when another tab’s holds:changed came before the delta of it', () => {
    const ours = applyHoldChange(state(), {
      tripId: TRIP,
      version: 5,
      lockId: '0b7e4c52-8f0a-4d67-a1f3-5c9e2d8b7a60',
      change: 'locked',
      seatNumbers: ['A2'],
      expiresAt: '2026-11-25T08:20:00Z',
      transferredFrom: [],
    });
    const delta = (expiresAt: string) =>
      applyDelta(
        ours,
        {
          tripId: TRIP,
          fromVersion: 4,
          version: 5,
          changes: [{ seatNumber: 'A2', status: 'locked', expiresAt }],
        },
        () => false,
      );
    const same = delta('2026-11-25T08:20:00Z');
    if (same.kind !== 'applied') throw new Error(same.kind);
    expect(statusOf(same.state, 'A2')).toMatchObject({ status: 'locked', heldByYou: true });
    // a different hold of the seat (ours lapsed, someone else's now) is not ours
    const other = delta('2026-11-25T08:31:00Z');
    if (other.kind !== 'applied') throw new Error(other.kind);
    expect(statusOf(other.state, 'A2')).toMatchObject({ status: 'locked', heldByYou: false });
  });

  it('shows a lapsed hold as available, and the holder’s own as yours', () => {
    const [seat] = grid(1, 1, { status: 'locked', expiresAt: '2026-11-25T08:00:00Z' });
    expect(seatDisplay(seat, false, Date.parse('2026-11-25T07:59:59Z'))).toBe('held');
    expect(seatDisplay(seat, false, Date.parse('2026-11-25T08:00:00Z'))).toBe('available');
    expect(seatDisplay({ ...seat, heldByYou: true }, false, 0)).toBe('yours');
    expect(seatDisplay({ ...seat, heldByYou: true }, true, 0)).toBe('selected');
  });
});
