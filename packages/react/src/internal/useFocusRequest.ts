// Focus after render: a form asks for a field to be focused once its error is on screen.
import { type RefObject, useCallback, useEffect, useState } from 'react';

/** `request(ref)` focuses `ref` after the next commit (so its error is already described). */
export function useFocusRequest(): (ref: RefObject<HTMLElement | null>) => void {
  const [target, setTarget] = useState<{ ref: RefObject<HTMLElement | null> } | null>(null);
  useEffect(() => {
    target?.ref.current?.focus();
  }, [target]);
  return useCallback((ref) => setTarget({ ref }), []);
}
