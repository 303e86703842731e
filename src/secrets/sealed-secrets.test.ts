import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSealed, needsResealing, openSecret, openSecretOrNull, SealedSecretError, sealSecret, secretKeyring } from './sealed-secrets.ts';

const OLD = 'the-key-before-the-rotation-0123456789';
const NEW = 'the-key-after-the-rotation-9876543210';
const SECRET = 'ENVAGINDEMOTOTPSECRETNOTFORPROD2';

describe('sealed secrets', () => {
  const ring = secretKeyring([NEW]);

  test('a sealed secret opens to itself, under the same context', () => {
    const sealed = sealSecret(ring, 'totp:u1', SECRET);
    assert.ok(isSealed(sealed));
    assert.ok(!sealed.includes(SECRET));
    assert.equal(openSecret(ring, 'totp:u1', sealed), SECRET);
  });

  test('every seal is different (a fresh nonce), and all of them open', () => {
    const a = sealSecret(ring, 'totp:u1', SECRET);
    const b = sealSecret(ring, 'totp:u1', SECRET);
    assert.notEqual(a, b);
    assert.equal(openSecret(ring, 'totp:u1', b), SECRET);
  });

  test('a value moved to another row does not open', () => {
    const sealed = sealSecret(ring, 'totp:u1', SECRET);
    assert.throws(() => openSecret(ring, 'totp:u2', sealed), SealedSecretError);
    assert.throws(() => openSecret(ring, 'webhook:u1', sealed), SealedSecretError);
  });

  test('an altered value does not open', () => {
    const sealed = sealSecret(ring, 'webhook:w1', 'signing-key');
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    const altered = `${sealed.slice(0, -2)}${last}${sealed.at(-1)}`;
    assert.throws(() => openSecret(ring, 'webhook:w1', altered), SealedSecretError);
    assert.throws(() => openSecret(ring, 'webhook:w1', `${sealed.split(':').slice(0, 3).join(':')}:`), SealedSecretError);
  });

  test('a key that did not seal it cannot open it', () => {
    const sealed = sealSecret(secretKeyring([OLD]), 'totp:u1', SECRET);
    assert.throws(() => openSecret(ring, 'totp:u1', sealed), /unknown key/);
  });

  test('rotation: the previous key still opens, only the current one seals, and older values need resealing', () => {
    const before = sealSecret(secretKeyring([OLD]), 'totp:u1', SECRET);
    const rotating = secretKeyring([NEW, OLD]);
    assert.equal(openSecret(rotating, 'totp:u1', before), SECRET);
    assert.equal(needsResealing(rotating, before), true);
    const after = sealSecret(rotating, 'totp:u1', SECRET);
    assert.equal(needsResealing(rotating, after), false);
    assert.equal(openSecret(secretKeyring([NEW]), 'totp:u1', after), SECRET, 'sealed under the new key alone');
  });

  test('a value in clear is refused, and is not one to reseal', () => {
    assert.equal(isSealed(SECRET), false);
    assert.throws(() => openSecret(ring, 'totp:u1', SECRET), /stored in clear/);
    assert.throws(() => openSecret(ring, 'totp:u1', ''), SealedSecretError);
    assert.equal(needsResealing(ring, SECRET), false);
  });

  test('openSecretOrNull: the secret, or null for a value that cannot be used', () => {
    const sealed = sealSecret(ring, 'totp:u1', SECRET);
    assert.equal(openSecretOrNull(ring, 'totp:u1', sealed), SECRET);
    assert.equal(openSecretOrNull(ring, 'totp:u1', SECRET), null, 'in clear');
    assert.equal(openSecretOrNull(ring, 'totp:u2', sealed), null, 'moved to another row');
    assert.equal(openSecretOrNull(secretKeyring([OLD]), 'totp:u1', sealed), null, 'of an unknown key');
  });

  test('a keyring needs a key', () => {
    assert.throws(() => secretKeyring([]));
  });
});
