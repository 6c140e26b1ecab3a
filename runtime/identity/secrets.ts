import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret (base64url) of `bytes` bytes of entropy. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** sha256 hex: how session ids, token secrets and tracking codes are stored (they carry ≥ 100 bits of entropy, so no slow hash is needed). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    // Still spend a comparison so the length difference is the only signal.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

const readableAlphabet = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/**
 * A code people can read aloud and type (no 0/O, 1/I/L): `length` characters drawn uniformly
 * (rejection sampling), grouped by four with dashes.
 */
export function readableCode(length: number): string {
  const chars: string[] = [];
  const limit = 256 - (256 % readableAlphabet.length);
  while (chars.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && chars.length < length) chars.push(readableAlphabet[byte % readableAlphabet.length] ?? 'A');
    }
  }
  return chars.join('').replace(/(.{4})(?=.)/g, '$1-');
}

/** Normalises a typed code: upper case, no spaces or dashes. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}
