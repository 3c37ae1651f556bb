import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The independent vectors (openssl + Python), copied into the project as test data.
const dir = join(import.meta.dirname, 'vectors');

export const vectors = JSON.parse(readFileSync(join(dir, 'vectors.json'), 'utf8')) as {
  snapBodyHash: { minifiedBody: string; sha256Hex: string };
  snapB2bTokenSignature: Array<{
    clientId: string;
    timestamp: string;
    stringToSign: string;
    privateKey: string;
    publicKey: string;
    signature: string;
  }>;
  snapSymmetricSignature: Array<{
    secretKey: string;
    method: string;
    path: string;
    accessToken: string;
    minifiedBody: string;
    bodySha256Hex: string;
    timestamp: string;
    stringToSign: string;
    signature: string;
  }>;
  snapNotificationRsa: {
    privateKey: string;
    publicKey: string;
    method: string;
    path: string;
    minifiedBody: string;
    timestamp: string;
    stringToSign: string;
    signature: string;
  };
  nonSnapSignature: Array<{
    secretKey: string;
    clientId: string;
    requestId: string;
    timestampHeader: 'Request-Timestamp' | 'Response-Timestamp';
    timestamp: string;
    requestTarget: string;
    body: string | null;
    digest: string | null;
    component: string;
    signature: string;
  }>;
  cardDataAes128Cbc: Array<{
    secretKey: string;
    aesKey: string;
    ivHex: string;
    plaintext: string;
    cardData: string;
  }>;
};

export function pem(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}
