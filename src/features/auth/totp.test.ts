import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { base32Decode, base32Encode, hotp, matchTotp, newTotpSecret, otpauthUri, totpCode, totpStep } from './totp.ts';

// RFC 6238 appendix B, SHA-1 column (8 digits), secret "12345678901234567890".
const rfcSecret = Buffer.from('12345678901234567890');
const vectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  for (const [seconds, code] of vectors) {
    test(`RFC 6238 vector at T=${seconds}`, () => {
      assert.equal(hotp(rfcSecret, totpStep(new Date(seconds * 1000)), 8), code);
    });
  }

  test('base32 round-trips and matches RFC 4648 examples', () => {
    assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
    assert.equal(base32Decode('mzxw 6ytb oi======').toString(), 'foobar');
    const secret = newTotpSecret();
    assert.equal(secret.length, 32);
    assert.equal(base32Encode(base32Decode(secret)), secret);
  });

  test('accepts one step of drift either way, no more', () => {
    const secret = base32Encode(rfcSecret);
    const now = new Date(1_700_000_000_000);
    const step = totpStep(now);
    for (const d of [-1, 0, 1]) assert.equal(matchTotp(secret, totpCode(secret, step + d), now), step + d);
    for (const d of [-2, 2]) assert.equal(matchTotp(secret, totpCode(secret, step + d), now), null);
    assert.equal(matchTotp(secret, '12345', now), null);
    assert.equal(matchTotp(secret, 'abcdef', now), null);
  });

  test('otpauth URI carries the parameters authenticator apps read', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'admin');
    assert.match(uri, /^otpauth:\/\/totp\/envagin:admin\?secret=JBSWY3DPEHPK3PXP&issuer=envagin&algorithm=SHA1&digits=6&period=30$/);
  });
});
