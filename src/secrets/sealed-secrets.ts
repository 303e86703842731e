// Secrets the server must be able to use again (TOTP seeds, webhook signing keys) cannot be
// hashed like passwords; they are stored sealed instead: AES-256-GCM under a key derived from
// SECRETS_KEY, which lives in the deployment's secret store, never in the database. A copy of
// the database (a backup, a replica, a leaked dump) then holds no usable second factor and no
// way to forge a webhook.
//
// Each sealed value is bound to the row it belongs to ("totp:<user id>", "webhook:<id>") as
// additional authenticated data: a value copied onto another row does not open. The envelope
// names its key, so a key can be rotated: the new key seals, the previous ones still open, and
// resealing (at migrate and start) moves every row to the new key.
//
// A value in clear is refused, never used and never sealed: whoever can write to the database
// could otherwise plant a TOTP seed or a signing key of their own choosing, and a start that
// sealed it would make it look legitimate. Every secret has been written sealed since the first
// release; one found in clear is reset (the user's TOTP) or rotated (the webhook's secret).
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface SealingKey {
  /** Names the key in the envelope (not secret: a hash of the key, not of the passphrase). */
  id: string;
  key: Buffer;
}

export interface SecretKeyring {
  current: SealingKey;
  previous: SealingKey[];
}

/** A key for one purpose derived from SECRETS_KEY: sealing is one purpose, keyed hashes are others. */
export function purposeKey(passphrase: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', passphrase, 'envagin', `envagin ${purpose}`, 32));
}

function deriveKey(passphrase: string): SealingKey {
  const key = purposeKey(passphrase, 'sealed secrets v1');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

/** The first passphrase seals; the rest (earlier keys, during a rotation) only open. */
export function secretKeyring(passphrases: readonly string[]): SecretKeyring {
  const [current, ...previous] = passphrases;
  if (!current) throw new Error('secretKeyring: at least one key');
  return { current: deriveKey(current), previous: previous.map(deriveKey) };
}

export class SealedSecretError extends Error {}

export function sealSecret(ring: SecretKeyring, context: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${ring.current.id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

/** The secret a stored value holds; throws SealedSecretError for a value in clear or one that does not open. */
export function openSecret(ring: SecretKeyring, context: string, stored: string): string {
  if (!isSealed(stored)) throw new SealedSecretError('sealed secret: stored in clear, refused (reset or rotate it)');
  const [keyId, data] = stored.slice(PREFIX.length).split(':');
  const key = [ring.current, ...ring.previous].find((k) => k.id === keyId);
  if (!key || !data) throw new SealedSecretError('sealed secret: unknown key (is SECRETS_KEY the one it was sealed with?)');
  const raw = Buffer.from(data, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key.key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedSecretError('sealed secret: does not open (altered, or moved from another row)');
  }
}

/**
 * The secret a stored value holds, or null when it cannot be used (in clear, altered, moved, or
 * of an unknown key): for the places that answer such a secret with a refusal of their own.
 */
export function openSecretOrNull(ring: SecretKeyring, context: string, stored: string): string | null {
  try {
    return openSecret(ring, context, stored);
  } catch (error) {
    if (error instanceof SealedSecretError) return null;
    throw error;
  }
}

/** Whether a sealed value should be sealed again: sealed under an earlier key. A value in clear is not resealed (see above). */
export function needsResealing(ring: SecretKeyring, stored: string): boolean {
  return isSealed(stored) && !stored.startsWith(`${PREFIX}${ring.current.id}:`);
}
