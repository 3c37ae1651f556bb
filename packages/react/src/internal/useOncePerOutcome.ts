// The core's once-per-outcome rule for hooks whose result is React state (refunds, bindings).
import { type KkiOutcome, OutcomeGate, outcomeKey } from '@kki-kit/client';
import { useEffect, useState } from 'react';
import { useLatest } from './useLatest.js';

/**
 * Calls `fire` once for each distinct outcome of `result` (`outcomeKey`: value id, status, action,
 * error code), never again for the same one however often it renders; `null` forgets the last one.
 */
export function useOncePerOutcome<R extends KkiOutcome>(result: R | null, fire: (result: R) => void): void {
  const [gate] = useState(() => new OutcomeGate());
  const latest = useLatest(fire);
  useEffect(() => {
    if (result === null) gate.reset();
    else if (gate.pass(outcomeKey(result))) latest.current(result);
  }, [result, gate, latest]);
}
