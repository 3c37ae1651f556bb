// The card page's frame: created in the browser only, sandboxed for DOKU's origin and not for a page
// on the shop's own origin (the offline sandbox), from its first load; the server renders a
// placeholder of the frame's size, so hydration meets the same markup.
import { CARD_PAGE_FALLBACK_HEIGHT_PX, CARD_PAGE_FRAME_SANDBOX } from '@kki-kit/contract';
import { act, render } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { CardPageFrame } from './CardPageFrame.js';

const DOKU_PAGE = 'https://pay.doku.test/card/page/1';
const OWN_PAGE = `${window.location.origin}/api/kki/offline/cards/page/1`;

describe('CardPageFrame', () => {
  it('sandboxes a page of another origin (DOKU) and not one on the shop’s own origin', () => {
    const doku = render(<CardPageFrame title="Card payment" url={DOKU_PAGE} />);
    expect(doku.container.querySelector('iframe')?.getAttribute('sandbox')).toBe(CARD_PAGE_FRAME_SANDBOX);
    const own = render(<CardPageFrame title="Card payment" url={OWN_PAGE} />);
    expect(own.container.querySelector('iframe')?.hasAttribute('sandbox')).toBe(false);
  });

  it('renders a placeholder on the server and the frame after hydration, without a mismatch', async () => {
    const html = renderToString(<CardPageFrame title="Card payment" url={OWN_PAGE} />);
    expect(html).not.toContain('<iframe');
    expect(html).toContain(`height:${CARD_PAGE_FALLBACK_HEIGHT_PX}px`);
    const container = document.createElement('div');
    container.innerHTML = html;
    document.body.append(container);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const recoverable: unknown[] = [];
    await act(async () => {
      hydrateRoot(container, <CardPageFrame title="Card payment" url={OWN_PAGE} />, {
        onRecoverableError: (error) => recoverable.push(error),
      });
    });
    expect(recoverable).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    const frame = container.querySelector('iframe');
    expect(frame?.getAttribute('src')).toBe(OWN_PAGE);
    expect(frame?.hasAttribute('sandbox')).toBe(false);
    container.remove();
  });
});
