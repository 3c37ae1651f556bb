import type { LocalizedText } from '../locale.js';

/**
 * Form fields an error can point at. The UI uses these names to focus and mark the field; the
 * catalogue uses them to say *which* detail is wrong. Raw DOKU field names never reach the shopper.
 */
export const KKI_FIELDS = [
  'cardNumber',
  'expiryDate',
  'cardholderName',
  'email',
  'phone',
  'ott',
  'otp',
  'amount',
  'idCard',
  'dateOfBirth',
  'address',
  'country',
] as const;

/** One of {@link KKI_FIELDS}, e.g. `'cardNumber'`. */
export type KkiField = (typeof KKI_FIELDS)[number];

/**
 * How each field is named inside a sentence (lower case, since templates put it mid-sentence), e.g.
 * "Mohon isi nomor kartu Anda.".
 */
export const KKI_FIELD_LABELS: { readonly [F in KkiField]: LocalizedText } = {
  cardNumber: { en: 'card number', id: 'nomor kartu' },
  expiryDate: { en: 'card expiry date', id: 'tanggal kedaluwarsa kartu' },
  cardholderName: { en: 'name as shown on the card', id: 'nama sesuai kartu' },
  email: { en: 'email address', id: 'alamat email' },
  phone: { en: 'phone number', id: 'nomor ponsel' },
  ott: { en: 'one-time code from your bank app', id: 'kode sekali pakai dari aplikasi bank' },
  otp: { en: 'verification code', id: 'kode verifikasi' },
  amount: { en: 'amount', id: 'jumlah' },
  idCard: { en: 'ID card (KTP) number', id: 'nomor KTP' },
  dateOfBirth: { en: 'date of birth', id: 'tanggal lahir' },
  address: { en: 'address', id: 'alamat' },
  country: { en: 'country', id: 'negara' },
};

/** Narrows an unknown value to a {@link KkiField}. */
export function isKkiField(value: unknown): value is KkiField {
  return typeof value === 'string' && (KKI_FIELDS as readonly string[]).includes(value);
}
