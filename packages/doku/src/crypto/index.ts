export { timingSafeEqual } from './compare.js';
export { fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from './encoding.js';
export { hmacSha256, minifyJson, sha256Base64, sha256Hex } from './hash.js';
export { importRsaPrivateKey, importRsaPublicKey, KeyFormatError } from './keys.js';
export {
  type B2bTokenSignatureInput,
  b2bTokenStringToSign,
  type SnapAsymmetricInput,
  type SnapSymmetricInput,
  signB2bToken,
  signSnapAsymmetric,
  signSnapSymmetric,
  snapAsymmetricStringToSign,
  snapSymmetricStringToSign,
  verifyB2bToken,
  verifySnapAsymmetric,
  verifySnapSymmetric,
} from './snap-signature.js';
export {
  type NonSnapSignatureInput,
  type NonSnapTimestampHeader,
  nonSnapComponent,
  signNonSnap,
  verifyNonSnap,
} from './non-snap-signature.js';
export { CardDataError, cardDataKey, decryptCardData, encryptCardData } from './card-data.js';
export { randomBytes } from './random.js';
export {
  createExternalId,
  createRequestId,
  isExternalId,
  nonSnapTimestamp,
  parseDokuTimestamp,
  snapTimestamp,
} from './ids.js';
