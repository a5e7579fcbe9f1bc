/**
 * The emergency and help lines, inside the bundle: they are shown on the start page whatever the
 * network or the cache holds. Texts (what each line is for) are in i18n `emergency[number]`.
 */
export const EMERGENCY_NUMBERS = ['112', '101', '1712', '0800 30 030'] as const;
export type EmergencyNumber = (typeof EMERGENCY_NUMBERS)[number];

/** A `tel:` link for a number as people write it ("0800 30 030", "+32 3 880 88 00"). */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}
