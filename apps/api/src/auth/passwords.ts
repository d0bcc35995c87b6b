import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's baseline cost: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** Verified against when a username does not exist, so both failures take as long. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$Mz3r5haHEnzQShzNITuEtQ$GxDVwhwhhPAbTZ4rJxawr6kivhlviPIAfuvGCplKJE4';
