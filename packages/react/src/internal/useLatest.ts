// Holds the latest value of a prop (callbacks above all) so effects and async code never call a stale one.
import { type RefObject, useRef } from 'react';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect.js';

/** A ref that always holds the value of the latest committed render. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useIsomorphicLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
