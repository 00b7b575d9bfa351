import { createHash, randomBytes } from 'node:crypto';

/** A random, URL-safe secret token (256 bits). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** How tokens are stored: only their SHA-256, hex. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
