// DOKU's published sample merchant (doku-api.md §3.3): the offline sandbox's default merchant, and a
// secret key a production BFF refuses. Here, in the protocol package, so that the BFF can refuse it
// without loading the sandbox.

/** DOKU's public sample client id. */
export const DOKU_SAMPLE_CLIENT_ID = 'MCH-0001-10791114622547';
/** DOKU's public sample secret key: anyone can sign with it, so no real merchant may use it. */
export const DOKU_SAMPLE_SECRET_KEY = 'SK-hCJ42G28TA0MKG9LE2E_1';
