'use client';
// The iframe of DOKU's card page: as tall as the page says it is (a message from the page's own
// origin, sane numbers only), else a fallback tall enough to reach the pay button; sandboxed with
// what DOKU's page needs (`CARD_PAGE_FRAME_SANDBOX`, a guess kept with DOKU's open questions).
import { CARD_PAGE_FALLBACK_HEIGHT_PX, CARD_PAGE_FRAME_SANDBOX, readCardPageHeight } from '@kki-kit/contract';
import { type ReactElement, useEffect, useRef, useState, useSyncExternalStore } from 'react';

/** Props of {@link CardPageFrame}. */
export interface CardPageFrameProps {
  readonly title: string;
  /** DOKU's page URL; its origin is the only sender whose height is taken. */
  readonly url: string;
}

const noSubscription = () => () => {};

/**
 * Whether this render is in the browser: false on the server and while hydrating what the server
 * rendered, true otherwise (a client-only render knows at once, with no second pass).
 */
const useInBrowser = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

/** DOKU's card page in an iframe that grows to the page's content. */
export function CardPageFrame({ title, url }: CardPageFrameProps): ReactElement {
  const ref = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number | null>(null);
  // The frame's sandbox depends on the page's origin beside the shop's, which only the browser
  // knows: the server renders a placeholder of the frame's size, and the frame is created once, in
  // the browser, with its sandbox right from its first load (a sandbox changed later applies only to
  // the frame's next navigation).
  const inBrowser = useInBrowser();
  const here = inBrowser ? window.location : null;
  const origin = here === null ? null : new URL(url, here.href).origin;

  useEffect(() => {
    setHeight(null);
    if (origin === null) return;
    const onMessage = (event: MessageEvent) => {
      // Only the framed page may size its frame: its origin, and this frame's window.
      if (event.origin !== origin || event.source !== ref.current?.contentWindow) return;
      const asked = readCardPageHeight(event.data);
      if (asked !== null) setHeight(asked);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [origin]);

  if (!inBrowser) {
    return <div className="kki-frame kki-frame--card" style={{ height: CARD_PAGE_FALLBACK_HEIGHT_PX }} />;
  }
  return (
    <iframe
      ref={ref}
      className="kki-frame kki-frame--card"
      title={title}
      src={url}
      style={{ height: height ?? CARD_PAGE_FALLBACK_HEIGHT_PX }}
      // A page on the shop's own origin (the offline sandbox mounted in the shop) could lift a
      // sandbox holding both scripts and its origin, and browsers warn of it: none is set there.
      sandbox={origin !== null && origin === here?.origin ? undefined : CARD_PAGE_FRAME_SANDBOX}
      allow="payment"
      referrerPolicy="no-referrer"
    />
  );
}
