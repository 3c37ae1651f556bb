// Looking a KKI issuer up by the id views and records carry.
import { describe, expect, it } from 'vitest';
import { isMaskedCpan, issuerById, KKI_ISSUERS, maskCpan, maskedCpanSchema } from '../src/index.js';

describe('issuerById', () => {
  it('finds every issuer by its id, with its display name', () => {
    for (const issuer of KKI_ISSUERS) expect(issuerById(issuer.id)).toBe(issuer);
    expect(issuerById('bri')?.name).toBe('BRI');
  });

  it('is null for no id or an id that is not a KKI issuer', () => {
    expect(issuerById(null)).toBeNull();
    expect(issuerById(undefined)).toBeNull();
    expect(issuerById('BRI')).toBeNull();
    expect(issuerById('visa')).toBeNull();
  });
});

describe('maskCpan and isMaskedCpan', () => {
  it('keeps the first 6 and last 4 digits of a 16 to 19 digit number, and hides at least 6 of a shorter one', () => {
    expect(maskCpan('4111 1111 1111 1111')).toBe('411111******1111');
    expect(maskCpan('4111111111111111234')).toBe('411111*********1234');
    // Fewer than 16 digits: never fewer than 6 hidden (6 + 4 of 12 would leave ~10 candidates).
    expect(maskCpan('371449635398431')).toBe('37144******8431');
    expect(maskCpan('123456789012')).toBe('12******9012');
    expect(maskCpan('1234567890')).toBe('******7890');
    expect(maskCpan('123456789')).toBe('*********');
    for (const digits of ['123456789012', '1234567890123', '371449635398431', '4111111111111111']) {
      const masked = maskCpan(digits);
      expect(masked.replace(/\d/g, '').length, digits).toBeGreaterThanOrEqual(6);
      expect(isMaskedCpan(masked), masked).toBe(true);
      expect(maskedCpanSchema.safeParse(masked).success, masked).toBe(true);
    }
  });

  it('tells a masked number from one in clear', () => {
    for (const masked of ['411111******1111', '******1111', '12******9012', '****']) {
      expect(isMaskedCpan(masked), masked).toBe(true);
    }
    for (const clear of ['4111111111111111', '4111-1111-1111-1111', '4111111*11111111', '', 'masked', 1234]) {
      expect(isMaskedCpan(clear), String(clear)).toBe(false);
    }
  });
});
