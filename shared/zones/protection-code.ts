/**
 * Protection codes: given once to the protected person when the order is set up; they raise a panic or
 * report contact with it (no account needed). 12 Crockford base32 characters = 60 random bits, shown as
 * `XXXX-XXXX-XXXX`. Only a slow hash is stored. Pure: randomness comes in as bytes.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function formatProtectionCode(random: Uint8Array): string {
  if (random.length < 12) throw new Error('need 12 random bytes');
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[(random[i] as number) & 31];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

/** Canonical form for hashing: upper case, separators dropped, look-alikes mapped (I/L → 1, O → 0). Undefined when malformed. */
export function normalizeProtectionCode(input: string): string | undefined {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(s)) return undefined;
  return s;
}
