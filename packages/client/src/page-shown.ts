// "The customer is looking again": the page became visible or the window got focus (e.g. back from
// the bank's app), the moment to check a payment at once instead of at the next poll.

/** Calls `listener` whenever the page is shown or focused again; returns the function that stops it. */
export function onPageShown(listener: () => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => {};
  const onVisibility = () => {
    if (document.visibilityState === 'visible') listener();
  };
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('focus', listener);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('focus', listener);
  };
}
