import * as Tabs from '@radix-ui/react-tabs';
import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Seat } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';
import { isGridKey, nextCell } from './grid-navigation';
import { SeatButton } from './SeatButton';
import { seatName } from './seat-labels';
import { seatDisplay } from './seat-state';

interface SeatMapProps {
  seats: readonly Seat[];
  selected: ReadonlySet<string>;
  /** The clock the holds are judged by (a lapsed hold shows free). */
  now: number;
  onToggle(seatNumber: string): void;
}

/**
 * The bus seen from above, one grid per deck (a deck switch for two-deck sleepers). Keyboard:
 * one seat is in the tab order (roving tabindex); arrow keys, Home and End move between seats,
 * Enter or Space toggles one.
 */
export function SeatMap({ seats, selected, now, onToggle }: SeatMapProps) {
  const { t, tp } = useI18n();
  const decks = useMemo(() => {
    const byDeck = new Map<number, Seat[]>();
    for (const seat of seats) byDeck.set(seat.deck, [...(byDeck.get(seat.deck) ?? []), seat]);
    return [...byDeck.entries()].sort(([a], [b]) => a - b);
  }, [seats]);
  const [deck, setDeck] = useState(() => String(decks[0]?.[0] ?? 1));
  const deckName = (number: number) =>
    decks.length === 1
      ? t('seatMap.deck.single')
      : number === 1
        ? t('seatMap.deck.lower')
        : number === 2
          ? t('seatMap.deck.upper')
          : t('seatMap.deck.other', { number });

  if (decks.length <= 1) {
    return (
      <DeckGrid
        label={deckName(decks[0]?.[0] ?? 1)}
        seats={decks[0]?.[1] ?? []}
        selected={selected}
        now={now}
        onToggle={onToggle}
      />
    );
  }
  return (
    <Tabs.Root value={deck} onValueChange={setDeck}>
      <Tabs.List
        aria-label={t('seatMap.deck.switch')}
        className="mb-4 inline-flex rounded-xl bg-slate-200 p-1 dark:bg-slate-800"
      >
        {decks.map(([number, deckSeats]) => {
          const chosen = deckSeats.filter((s) => selected.has(s.seatNumber)).length;
          return (
            <Tabs.Trigger
              key={number}
              value={String(number)}
              className="min-h-10 rounded-lg px-4 text-sm font-semibold text-slate-700 data-[state=active]:bg-white data-[state=active]:text-slate-950 data-[state=active]:shadow dark:text-slate-300 dark:data-[state=active]:bg-slate-950 dark:data-[state=active]:text-white"
            >
              {deckName(number)}
              {chosen > 0 && (
                <span className="ml-1.5 rounded-full bg-brand-600 px-1.5 text-xs text-white dark:bg-brand-500">
                  <span className="sr-only">, {tp('selection.count', chosen)}</span>
                  <span aria-hidden="true">{chosen}</span>
                </span>
              )}
            </Tabs.Trigger>
          );
        })}
      </Tabs.List>
      {decks.map(([number, deckSeats]) => (
        <Tabs.Content key={number} value={String(number)} tabIndex={-1}>
          <DeckGrid
            label={deckName(number)}
            seats={deckSeats}
            selected={selected}
            now={now}
            onToggle={onToggle}
          />
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}

interface DeckGridProps {
  label: string;
  seats: readonly Seat[];
  selected: ReadonlySet<string>;
  now: number;
  onToggle(seatNumber: string): void;
}

function DeckGrid({ label, seats, selected, now, onToggle }: DeckGridProps) {
  const { t } = useI18n();
  const hintId = useId();
  const gridRef = useRef<HTMLDivElement>(null);
  const ordered = useMemo(() => [...seats].sort((a, b) => a.row - b.row || a.col - b.col), [seats]);
  const [active, setActive] = useState<string>();
  const activeSeat =
    active && ordered.some((s) => s.seatNumber === active) ? active : ordered[0]?.seatNumber;
  const columns = Math.max(1, ...seats.map((s) => s.col));

  const focusSeat = useCallback((seatNumber: string) => {
    setActive(seatNumber);
    gridRef.current
      ?.querySelector<HTMLButtonElement>(`[data-seat="${CSS.escape(seatNumber)}"]`)
      ?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!activeSeat || !isGridKey(event.key)) return;
    event.preventDefault();
    focusSeat(nextCell(ordered, activeSeat, event.key, event.ctrlKey || event.metaKey));
  };

  return (
    <div>
      <span id={hintId} hidden>
        {t('seat.accessibleHint')}
      </span>
      <div className="mx-auto w-full max-w-md rounded-3xl border-2 border-slate-300 bg-slate-100 p-3 sm:p-4 dark:border-slate-700 dark:bg-slate-900/60">
        <div
          aria-hidden="true"
          className="mb-3 flex items-center justify-between text-xs font-medium text-slate-600 dark:text-slate-400"
        >
          <span>{t('seatMap.front')}</span>
          <span className="rounded-full border border-slate-400 px-2 py-0.5">
            ◎ {t('seatMap.driver')}
          </span>
        </div>
        <div
          ref={gridRef}
          role="group"
          aria-label={t('seatMap.gridLabel', { deck: label })}
          onKeyDown={onKeyDown}
          className="grid gap-1.5 sm:gap-2"
          style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
        >
          {ordered.map((seat) => {
            const display = seatDisplay(seat, selected.has(seat.seatNumber), now);
            const price = formatMoney(seat.price);
            return (
              <SeatButton
                key={seat.seatNumber}
                seat={seat}
                display={display}
                price={price}
                label={seatName(t, seat, price, display)}
                focusable={seat.seatNumber === activeSeat}
                accessibleHintId={hintId}
                onToggle={onToggle}
                onFocusSeat={setActive}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
