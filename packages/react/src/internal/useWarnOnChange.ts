// Development warnings for props read only once (react-stripe-js style): a later change would be
// silently ignored, so say so once. Production builds (`process.env.NODE_ENV` replaced by the
// bundler) keep only an empty function. Call sites also guard the call with
// `if (typeof process === 'object' && process.env.NODE_ENV !== 'production')` written out in place,
// so the bundler drops the call and its strings too (an imported flag would not fold away). The
// condition is fixed for the page's life, so the hook order stays stable.
import { useEffect, useRef } from 'react';

// Declared here rather than taken from @types/node: the kit's browser build has no Node types.
declare const process: { readonly env: { readonly NODE_ENV?: string } } | undefined;

function useWarnOnChangeInDev(value: unknown, component: string, prop: string): void {
  const first = useRef(value);
  const warned = useRef(false);
  useEffect(() => {
    if (warned.current || Object.is(first.current, value)) return;
    warned.current = true;
    console.warn(
      `@kki-kit/react: ${component}'s \`${prop}\` changed after mount. ${component} reads it once, so the ` +
        `change is ignored. Keep it stable (module scope, useState or useMemo), or give ${component} a new ` +
        '`key` to start over with the new value.',
    );
  }, [value, component, prop]);
}

/**
 * In development, `console.warn`s once when `value` (the `prop` of `component`) differs from its
 * value at mount. A no-op in production builds.
 */
export const useWarnOnChange: (value: unknown, component: string, prop: string) => void =
  typeof process === 'object' && process.env.NODE_ENV !== 'production' ? useWarnOnChangeInDev : () => {};
