import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSeatSelection } from './useSeatSelection';

describe('seat selection', () => {
  it('refuses more seats than the trip allows, and says so', () => {
    const { result } = renderHook(() => useSeatSelection(2));
    act(() => void result.current.toggle('A1'));
    act(() => void result.current.toggle('A2'));
    let outcome = '';
    act(() => {
      outcome = result.current.toggle('A3');
    });
    expect(outcome).toBe('limit');
    expect([...result.current.selected]).toEqual(['A1', 'A2']);
    expect(result.current.limitReached).toBe(true);
    act(() => void result.current.toggle('A1'));
    expect([...result.current.selected]).toEqual(['A2']);
    expect(result.current.limitReached).toBe(false);
  });

  it('loses seats taken by others', () => {
    const { result } = renderHook(() => useSeatSelection(5, ['A1', 'A2']));
    act(() => result.current.remove(['A2', 'A9']));
    expect([...result.current.selected]).toEqual(['A1']);
  });
});
