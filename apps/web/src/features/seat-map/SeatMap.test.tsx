import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { grid, seat } from '../../test/seats';
import { renderWithProviders } from '../../test/render';
import { SeatMap } from './SeatMap';

const NOW = Date.parse('2026-11-25T08:00:00Z');

function Selectable({
  seats,
  onToggle,
}: {
  seats: Parameters<typeof SeatMap>[0]['seats'];
  onToggle?: (s: string) => void;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return (
    <SeatMap
      seats={seats}
      selected={selected}
      now={NOW}
      onToggle={(seatNumber) => {
        onToggle?.(seatNumber);
        setSelected((current) => {
          const next = new Set(current);
          if (next.has(seatNumber)) next.delete(seatNumber);
          else next.add(seatNumber);
          return next;
        });
      }}
    />
  );
}

describe('SeatMap', () => {
  it('names each seat by number, type, price and one status word', () => {
    renderWithProviders(
      <SeatMap
        seats={[
          seat('A1', 1, 1),
          seat('A2', 1, 2, { status: 'locked', expiresAt: '2026-11-25T08:10:00Z' }),
          seat('A3', 1, 3, {
            status: 'locked',
            heldByYou: true,
            expiresAt: '2026-11-25T08:10:00Z',
          }),
          seat('A4', 2, 1, { status: 'booked' }),
          seat('A5', 2, 2, { type: 'standard', price: { amount: 250_000, currency: 'VND' } }),
          seat('A6', 2, 3, { status: 'locked', expiresAt: '2026-11-25T07:59:00Z' }),
        ]}
        selected={new Set(['A5'])}
        now={NOW}
        onToggle={() => undefined}
      />,
    );
    const names = screen.getAllByRole('button').map((button) => button.getAttribute('aria-label'));
    expect(names).toEqual([
      'A1, limousine, 400.000 ₫, available',
      'A2, limousine, 400.000 ₫, held',
      'A3, limousine, 400.000 ₫, yours',
      'A4, limousine, 400.000 ₫, booked',
      'A5, standard, 250.000 ₫, selected',
      // a hold whose end has passed shows free before the feed says so
      'A6, limousine, 400.000 ₫, available',
    ]);
    expect(screen.getByRole('button', { name: /^A5,/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: /^A1,/ })).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByRole('button', { name: /^A2,/ })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByRole('button', { name: /^A4,/ })).toHaveAttribute('aria-disabled', 'true');
  });

  it('shows the price on every seat', () => {
    renderWithProviders(<Selectable seats={grid(1, 2)} />);
    for (const button of screen.getAllByRole('button')) {
      expect(within(button).getByText('400.000 ₫')).toBeInTheDocument();
    }
  });

  it('keeps one seat in the tab order and moves it with the arrow keys, Home and End', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Selectable seats={grid(3, 3)} />);
    const focusable = () => screen.getAllByRole('button').filter((b) => b.tabIndex === 0);
    expect(focusable()).toHaveLength(1);

    await user.tab();
    expect(document.activeElement).toHaveAccessibleName(/^A1,/);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toHaveAccessibleName(/^A2,/);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveAccessibleName(/^A5,/);
    await user.keyboard('{End}');
    expect(document.activeElement).toHaveAccessibleName(/^A6,/);
    await user.keyboard('{ArrowRight}'); // wraps to the next row
    expect(document.activeElement).toHaveAccessibleName(/^A7,/);
    await user.keyboard('{ArrowUp}{Home}');
    expect(document.activeElement).toHaveAccessibleName(/^A4,/);
    expect(focusable()).toHaveLength(1);
    expect(focusable()[0]).toHaveAccessibleName(/^A4,/);
  });

  it('toggles the focused seat with Enter and Space', async () => {
    const user = userEvent.setup();
    const toggled = vi.fn();
    renderWithProviders(<Selectable seats={grid(2, 2)} onToggle={toggled} />);
    await user.tab();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: /^A1,/ })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: /^A1,/ })).toHaveAccessibleName(
      'A1, limousine, 400.000 ₫, selected',
    );
    await user.keyboard('{ArrowRight} ');
    expect(screen.getByRole('button', { name: /^A2,/ })).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('{ArrowLeft}{Enter}');
    expect(screen.getByRole('button', { name: /^A1,/ })).toHaveAttribute('aria-pressed', 'false');
    expect(toggled.mock.calls.map(([s]) => s)).toEqual(['A1', 'A2', 'A1']);
  });

  it('describes accessible seats', () => {
    renderWithProviders(
      <Selectable seats={[seat('A1', 1, 1, { accessible: true }), seat('A2', 1, 2)]} />,
    );
    expect(screen.getByRole('button', { name: /^A1,/ })).toHaveAccessibleDescription(
      'Accessible seat',
    );
    expect(screen.getByRole('button', { name: /^A2,/ })).not.toHaveAccessibleDescription();
  });

  it('switches between the decks of a sleeper', async () => {
    const user = userEvent.setup();
    const lower = grid(2, 2, { type: 'sleeper' });
    const upper = grid(2, 2, { type: 'sleeper', deck: 2 }).map((s) => ({
      ...s,
      seatNumber: s.seatNumber.replace('A', 'B'),
    }));
    renderWithProviders(<Selectable seats={[...lower, ...upper]} />);
    expect(screen.getByRole('tab', { name: /Lower deck/ })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.queryByRole('button', { name: /^B1,/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: /Upper deck/ }));
    expect(
      screen.getByRole('button', { name: 'B1, sleeper, 400.000 ₫, available' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^A1,/ })).not.toBeInTheDocument();
  });
});
