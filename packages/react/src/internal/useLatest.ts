// Holds the latest value of a prop (callbacks above all) so effects and async code never call a stale one.
import { type RefObject, useInsertionEffect, useRef } from 'react';

/** A ref that always holds the value of the latest committed render. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  // The insertion effect runs before every layout effect and effect of the commit (so they all see the
  // new value), never on the server, and with no SSR warning: no isomorphic layout-effect switch needed.
  useInsertionEffect(() => {
    ref.current = value;
  });
  return ref;
}
