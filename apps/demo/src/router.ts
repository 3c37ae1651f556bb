// A tiny history router: the path is the state, links push it, the back button pops it.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/**
 * Goes to `path` (path and query) without reloading the page. `replace` takes the current entry's
 * place, for pages Back must not return to (the checkout that created the order would make another).
 */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const l of listeners) l();
  window.scrollTo(0, 0);
  navigated = true;
}

// Set by the first navigation (a link, or Back/Forward): the page's first load keeps the browser's
// own focus.
let navigated = false;
if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    navigated = true;
  });
}

/** Whether the shop has moved from page to page since it loaded (focus then follows the new page). */
export function hasNavigated(): boolean {
  return navigated;
}

/** The current location's path and query parameters. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(
    subscribe,
    () => window.location.pathname + window.location.search,
    () => '/',
  );
  const url = new URL(href, 'http://shop.local');
  return { path: url.pathname, query: url.searchParams };
}

/** Matches `path` against a pattern like `/orders/:orderId`; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.replace(/\/+$/, '').split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(g);
    else if (w !== g) return null;
  }
  return params;
}
