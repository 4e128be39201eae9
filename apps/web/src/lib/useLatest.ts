import { useLayoutEffect, useRef, type RefObject } from 'react';

/** A ref always holding the latest value: for callbacks that long-lived listeners call. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
