// useLayoutEffect in the browser, useEffect on the server (where React 18 warns about layout effects).
import { useEffect, useLayoutEffect } from 'react';

/** `useLayoutEffect` where a DOM exists, `useEffect` elsewhere. */
export const useIsomorphicLayoutEffect: typeof useLayoutEffect =
  typeof document !== 'undefined' ? useLayoutEffect : useEffect;
