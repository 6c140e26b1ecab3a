import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { constantTimeEqual } from './secrets.js';

/** scrypt cost: N=2^15, r=8, p=1 (OWASP's minimum is N=2^17 with r=8 for 2023; we trade some for 2-core servers). */
const params = { N: 32768, r: 8, p: 1 } as const;
const keyLength = 32;
const maxmem = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash` with a fresh 16-byte salt per password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Number.isSafeInteger(options.N) || !Number.isSafeInteger(options.r) || !Number.isSafeInteger(options.p)) return false;
  const key = await derive(password, Buffer.from(salt, 'base64url'), options);
  return constantTimeEqual(key.toString('base64url'), hash);
}

/**
 * A hash of a random password, verified against when the account does not exist, so an
 * unknown login name takes as long as a wrong password.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** Passwords people choose: 10–200 characters. */
export const passwordRules = { minLength: 10, maxLength: 200 } as const;
