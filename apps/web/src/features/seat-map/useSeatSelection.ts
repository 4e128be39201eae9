import { useCallback, useState } from 'react';

/**
 * The seats a traveller picked, at most `max`. Picking one more is refused and reported
 * (`limitReached`) rather than silently ignored.
 */
export function useSeatSelection(max: number, initial: readonly string[] = []) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(initial));
  const [limitReached, setLimitReached] = useState(false);

  const toggle = useCallback(
    (seatNumber: string): 'added' | 'removed' | 'limit' => {
      if (selected.has(seatNumber)) {
        const next = new Set(selected);
        next.delete(seatNumber);
        setSelected(next);
        setLimitReached(false);
        return 'removed';
      }
      if (selected.size >= max) {
        setLimitReached(true);
        return 'limit';
      }
      setSelected(new Set(selected).add(seatNumber));
      setLimitReached(false);
      return 'added';
    },
    [selected, max],
  );

  const remove = useCallback((seatNumbers: readonly string[]) => {
    setSelected((current) => {
      if (!seatNumbers.some((seat) => current.has(seat))) return current;
      const next = new Set(current);
      seatNumbers.forEach((seat) => next.delete(seat));
      return next;
    });
    setLimitReached(false);
  }, []);

  const replace = useCallback((seatNumbers: readonly string[]) => {
    setSelected(new Set(seatNumbers));
    setLimitReached(false);
  }, []);

  return { selected, toggle, remove, replace, limitReached };
}
