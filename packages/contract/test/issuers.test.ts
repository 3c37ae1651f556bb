// Looking a KKI issuer up by the id views and records carry.
import { describe, expect, it } from 'vitest';
import { issuerById, KKI_ISSUERS } from '../src/index.js';

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
