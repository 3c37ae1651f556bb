// The kit's Bahasa Indonesia copy, whole: the built-in default language (`locale/id`, `resolveCopy`).
// Components take only their own section (and the shared one), so a page ships the text it shows.
import type { KkiCopy } from '../types.js';
import { ID_SHARED } from './shared.js';
import { ID_PAY } from './pay.js';
import { ID_PAY_CHECKOUT } from './pay-checkout.js';
import { ID_PAY_H2H } from './pay-h2h.js';
import { ID_BIND_CARD } from './bind-card.js';
import { ID_SAVED_CARDS } from './saved-cards.js';
import { ID_CARD_FRAME } from './card-frame.js';
import { ID_REFUND } from './refund.js';

/** The kit's Bahasa Indonesia copy. */
export const id: KkiCopy = {
  ...ID_SHARED,
  ...ID_PAY,
  ...ID_PAY_H2H,
  ...ID_PAY_CHECKOUT,
  ...ID_BIND_CARD,
  ...ID_SAVED_CARDS,
  ...ID_CARD_FRAME,
  ...ID_REFUND,
};
