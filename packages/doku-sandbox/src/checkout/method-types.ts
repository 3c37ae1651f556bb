// `payment.payment_method_types` values DOKU Checkout knows, and the two the sandbox's page emulates.
// The list: DOKU's official Magento plugin (`etc/config.xml` payment codes) and the method types of a
// captured DOKU staging answer ([3P-CHK] in @kki-kit/doku's open-questions.ts).
import { CHECKOUT_METHOD_TYPES } from '@kki-kit/doku';
import type { CheckoutMethod } from './state.js';

/** Every method type DOKU Checkout is known to accept. */
export const DOKU_CHECKOUT_METHOD_TYPES: ReadonlySet<string> = new Set([
  CHECKOUT_METHOD_TYPES.card,
  CHECKOUT_METHOD_TYPES.kki,
  'VIRTUAL_ACCOUNT_BCA',
  'VIRTUAL_ACCOUNT_BANK_MANDIRI',
  'VIRTUAL_ACCOUNT_BANK_SYARIAH_MANDIRI',
  'VIRTUAL_ACCOUNT_BSI',
  'VIRTUAL_ACCOUNT_DOKU',
  'VIRTUAL_ACCOUNT_BRI',
  'VIRTUAL_ACCOUNT_BNI',
  'VIRTUAL_ACCOUNT_BANK_PERMATA',
  'VIRTUAL_ACCOUNT_BANK_CIMB',
  'VIRTUAL_ACCOUNT_BANK_DANAMON',
  'VIRTUAL_ACCOUNT_MAYBANK',
  'VIRTUAL_ACCOUNT_BSS',
  'VIRTUAL_ACCOUNT_SINARMAS',
  'VIRTUAL_ACCOUNT_BTN',
  'VIRTUAL_ACCOUNT_BNC',
  'VIRTUAL_ACCOUNT_BPD_BALI',
  'VIRTUAL_ACCOUNT_BANK_BJB',
  'ONLINE_TO_OFFLINE_ALFA',
  'ONLINE_TO_OFFLINE_INDOMARET',
  'EMONEY_OVO',
  'EMONEY_SHOPEE_PAY',
  'EMONEY_DANA',
  'EMONEY_DOKU',
  'EMONEY_LINKAJA',
  'QRIS',
  'JENIUS_PAY',
  'OCTO_CLICKS',
  'EPAY_BRI',
  'DANAMON_ONLINE_BANKING',
  'PERMATA_NET',
  'PEER_TO_PEER_KREDIVO',
  'PEER_TO_PEER_AKULAKU',
  'PEER_TO_PEER_INDODANA',
  'PEER_TO_PEER_BRI_CERIA',
  'DIRECT_DEBIT_ALLO',
  'DIRECT_DEBIT_BRI',
  'DIRECT_DEBIT_CIMB',
  'DIRECT_DEBIT_MANDIRI',
]);

/** The methods the sandbox's page offers, by method type. */
export const EMULATED_METHODS: Readonly<Record<string, CheckoutMethod>> = {
  [CHECKOUT_METHOD_TYPES.kki]: 'kki',
  [CHECKOUT_METHOD_TYPES.card]: 'card',
};
