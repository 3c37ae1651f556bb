// Paths of the sandbox's hosted Cards pages. The page path mirrors DOKU's payment page URL
// (`https://sandbox.doku.com/wt-frontend-transaction/dynamic-payment-page?...`, doku-api.md §7.1);
// the steps after it are the sandbox's own.

/** The hosted card form (GET, with DOKU's query parameters). */
export const CARD_PAGE_PATH = '/wt-frontend-transaction/dynamic-payment-page';
/** Where the card form posts. */
export const CARD_PAY_PATH = `${CARD_PAGE_PATH}/pay`;
/** The 3-D Secure OTP step: `${CARD_3DS_PATH}/{challengeId}`. */
export const CARD_3DS_PATH = '/wt-frontend-transaction/3ds';
/** The result page when there is no auto redirect: `${CARD_RESULT_PATH}/{requestId}`. */
export const CARD_RESULT_PATH = '/wt-frontend-transaction/result';
