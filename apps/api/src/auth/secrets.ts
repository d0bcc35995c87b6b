import { createHash, randomBytes } from 'node:crypto';

/** Opaque secrets (refresh and API tokens) are stored only as their SHA-256 hash. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** API tokens are recognisable by their prefix, so a leaked one is easy to find in logs and code. */
export const API_TOKEN_PREFIX = 'cwe_';
