import { useEffect, useState } from 'react';

/** The time, refreshed every `intervalMs` while `enabled`. */
export function useNow(intervalMs: number, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    const tick = () => setNow(Date.now());
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, intervalMs);
    return () => {
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [intervalMs, enabled]);
  return now;
}

/**
 * The time, refreshed whenever the earliest of `deadlines` passes (e.g. when the next hold on a
 * seat map lapses, so that it shows free then).
 */
export function useNowAtDeadlines(deadlines: readonly number[]): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const current = Date.now();
    const next = deadlines.filter((at) => at > current).reduce((a, b) => Math.min(a, b), Infinity);
    if (next === Infinity) return;
    const timer = window.setTimeout(() => setNow(Date.now()), next - current + 50);
    return () => window.clearTimeout(timer);
  }, [deadlines, now]);
  return now;
}
