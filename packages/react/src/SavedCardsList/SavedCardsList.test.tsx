import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { expectNoAxeViolations } from '../../test/axe.js';
import { callsTo, on } from '../../test/bff-mock.js';
import { savedCard } from '../../test/fixtures.js';
import { renderKki, setupMockBff } from '../../test/render.js';
import { SavedCardsList } from './SavedCardsList.js';

setupMockBff();

const bri = savedCard();
const mandiri = savedCard({
  id: 'card_test0002',
  maskedCpan: '936000******0008',
  issuer: 'mandiri',
  issuerName: 'Mandiri',
  addedAt: '2026-02-01T08:00:00.000Z',
});

describe('SavedCardsList', () => {
  it('loading, then the cards with masked CPAN, issuer and date', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    on('listSavedCards', async () => {
      await gate;
      return { json: { cards: [bri, mandiri] } };
    });
    const { container } = renderKki(<SavedCardsList />);
    expect(screen.getByText('Memuat kartu tersimpan…')).toBeInTheDocument();
    await expectNoAxeViolations(container);
    release();
    const list = await screen.findByRole('list', { name: 'Kartu tersimpan' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('BRI 936000******5678');
    expect(items[0]).toHaveTextContent('Ditambahkan 26 Mar 2026');
    expect(items[1]).toHaveTextContent('Mandiri 936000******0008');
    await expectNoAxeViolations(container);
  });

  it('empty and load failure (with retry)', async () => {
    // A refusal (a read without an answer is tried again on its own): read again only on retry.
    on('listSavedCards', (_c, n) => (n === 0 ? { error: 'doku_unavailable' } : { json: { cards: [] } }));
    const user = userEvent.setup();
    const { container } = renderKki(<SavedCardsList />);
    expect(
      await screen.findByRole('heading', { name: 'Kartu tersimpan tidak dapat dimuat.' }),
    ).toBeInTheDocument();
    await expectNoAxeViolations(container);
    await user.click(screen.getByRole('button', { name: 'Coba lagi' }));
    expect(await screen.findByText('Anda belum punya kartu tersimpan.')).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('pick a card to pay with', async () => {
    on('listSavedCards', { json: { cards: [bri, mandiri] } });
    const onSelect = vi.fn();
    const user = userEvent.setup();
    renderKki(<SavedCardsList onSelect={onSelect} selectedCardId={bri.id} />);
    const [first, second] = await screen.findAllByRole('button', { name: 'Bayar dengan kartu ini' });
    expect(first).toHaveAttribute('aria-pressed', 'true');
    expect(second).toHaveAccessibleDescription(/^Mandiri 936000\*{6}0008.*Ditambahkan 1 Feb 2026$/);
    await user.click(second as HTMLElement);
    expect(onSelect).toHaveBeenCalledWith(mandiri);
  });

  it('remove with a confirmation step (keyboard only); the card disappears at once', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    on('listSavedCards', (_c, n) => ({ json: { cards: n === 0 ? [bri, mandiri] : [mandiri] } }));
    on('removeSavedCard', async () => {
      await gate;
      return { json: { removed: true, card: bri } };
    });
    const onRemove = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(<SavedCardsList onRemove={onRemove} />);
    const [remove] = await screen.findAllByRole('button', { name: 'Hapus' });
    remove?.focus();
    await user.keyboard('{Enter}');
    const question = screen.getByText('Hapus kartu 936000******5678? Anda bisa menambahkannya lagi nanti.');
    await waitFor(() => expect(question).toHaveFocus());
    await expectNoAxeViolations(container);
    // "Keep card" puts focus back on Remove.
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Jangan hapus' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Hapus' })[0]).toHaveFocus());
    await user.keyboard('{Enter}');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Ya, hapus' })).toHaveFocus();
    await user.keyboard('{Enter}');
    // Optimistic: gone before the BFF answers.
    await waitFor(() =>
      expect(screen.queryByText(/936000\*{6}5678/, { selector: '.kki-card-number' })).toBeNull(),
    );
    release();
    await waitFor(() => expect(onRemove).toHaveBeenCalledWith(bri, { status: 'succeeded', value: bri }));
    expect(screen.getByRole('status')).toHaveTextContent('Kartu 936000******5678 sudah dihapus.');
    expect(callsTo('removeSavedCard')[0]?.params.cardId).toBe(bri.id);
    expect(callsTo('removeSavedCard')[0]?.headers.get('Idempotency-Key')).toBeTruthy();
    expect(callsTo('removeSavedCard')[0]?.headers.get('X-KKI-Request')).toBe('1');
  });

  it('a refused removal rolls back: the card comes back with the error tied to its Remove button', async () => {
    on('listSavedCards', { json: { cards: [bri, mandiri] } });
    on('removeSavedCard', { error: 'card_removal_failed' });
    const onError = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(<SavedCardsList onError={onError} />);
    const [remove] = await screen.findAllByRole('button', { name: 'Hapus' });
    await user.click(remove as HTMLElement);
    await user.click(screen.getByRole('button', { name: 'Ya, hapus' }));
    const back = await screen.findAllByRole('button', { name: 'Hapus' });
    expect(back).toHaveLength(2);
    await waitFor(() =>
      expect(back[0]).toHaveAccessibleDescription(expect.stringContaining('Kartu ini belum dapat dihapus.')),
    );
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'card_removal_failed' }), bri);
    await expectNoAxeViolations(container);
  });

  it('PENDING at DOKU: shown as removing, polled until gone', async () => {
    const removing = { ...bri, status: 'removing' as const };
    on('listSavedCards', (_c, n) => ({
      json: { cards: n === 0 ? [bri, mandiri] : n < 3 ? [removing, mandiri] : [mandiri] },
    }));
    on('removeSavedCard', { json: { removed: false, card: removing } });
    const onRemove = vi.fn();
    const user = userEvent.setup();
    const { container } = renderKki(<SavedCardsList onRemove={onRemove} />);
    const [remove] = await screen.findAllByRole('button', { name: 'Hapus' });
    await user.click(remove as HTMLElement);
    await user.click(screen.getByRole('button', { name: 'Ya, hapus' }));
    expect(await screen.findByText(/Sedang dihapus/, { selector: '.kki-muted' })).toBeInTheDocument();
    expect(onRemove).toHaveBeenCalledWith(removing, { status: 'pending', value: removing });
    await expectNoAxeViolations(container);
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
  });

  it("follows DOKU's unbinding page when the removal answers a redirectUrl", async () => {
    const removing = { ...bri, status: 'removing' as const };
    on('listSavedCards', { json: { cards: [bri] } });
    on('removeSavedCard', {
      json: { removed: false, card: removing, redirectUrl: 'https://doku.test/unbind/confirm/1' },
    });
    const navigate = vi.fn();
    const onRemove = vi.fn();
    const user = userEvent.setup();
    renderKki(<SavedCardsList navigate={navigate} onRemove={onRemove} />);
    await user.click(await screen.findByRole('button', { name: 'Hapus' }));
    await user.click(screen.getByRole('button', { name: 'Ya, hapus' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith('https://doku.test/unbind/confirm/1'));
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(onRemove).toHaveBeenCalledWith(removing, {
      status: 'requires_action',
      value: removing,
      nextAction: { type: 'redirect', url: 'https://doku.test/unbind/confirm/1' },
    });
  });

  it('leaves the page with window.location.assign by default', async () => {
    const assign = vi.fn();
    const original = window.location;
    Object.defineProperty(window, 'location', { configurable: true, value: { ...original, assign } });
    try {
      on('listSavedCards', { json: { cards: [bri] } });
      on('removeSavedCard', {
        json: { removed: false, card: { ...bri, status: 'removing' }, redirectUrl: 'https://doku.test/u/2' },
      });
      const user = userEvent.setup();
      renderKki(<SavedCardsList />);
      await user.click(await screen.findByRole('button', { name: 'Hapus' }));
      await user.click(screen.getByRole('button', { name: 'Ya, hapus' }));
      await waitFor(() => expect(assign).toHaveBeenCalledWith('https://doku.test/u/2'));
    } finally {
      Object.defineProperty(window, 'location', { configurable: true, value: original });
    }
  });
});
