/**
 * Configuration is read once, at module load, and fails fast with the variable's name.
 * Never `process.env.X || ''`.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

export function optionalIntEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`Environment variable ${name} must be a number, got "${raw}"`);
  return value;
}

/** An origin (`https://host[:port]`, no path) or nothing; anything else fails at load with the variable's name. */
export function optionalOriginEnv(name: string): string | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^https?:\/\/[^/\s]+$/.test(raw)) throw new Error(`Environment variable ${name} must be an origin such as https://oneroof.example.be, got "${raw}"`);
  return raw;
}

/** A variable that may be absent (the caller says what absence means); blank counts as absent. */
export function optionalEnv(name: string): string | undefined {
  const raw = process.env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}
