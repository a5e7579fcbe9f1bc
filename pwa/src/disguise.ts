import { appConfig } from './config.js';

/**
 * The disguise of the installed app. Launched from the home screen (a standalone-like display mode,
 * or the manifest's start URL with its marker), the app opens on a working notes screen and shows help
 * only after a deliberate step (an unlock word typed into the notes). In a browser tab, someone
 * looking for help lands on help at once. Pure apart from the `Window` passed in.
 */
const INSTALLED_MODES = ['standalone', 'fullscreen', 'minimal-ui', 'window-controls-overlay'] as const;

type WinLike = Pick<Window, 'location'> & { matchMedia?: Window['matchMedia'] };

export function launchedInstalled(win: WinLike = window): boolean {
  if (new URLSearchParams(win.location.search).has(appConfig.startMarker)) return true;
  if (typeof win.matchMedia !== 'function') return false;
  return INSTALLED_MODES.some((mode) => win.matchMedia?.(`(display-mode: ${mode})`).matches === true);
}

/** Where the installed app goes on a quick exit: its own neutral screen, reloaded from scratch. */
export function neutralUrl(): string {
  return `/?${appConfig.startMarker}`;
}

/**
 * Case folding that holds for Turkish: the device's locale (`toLocaleLowerCase()`) would turn "YARDIM"
 * into "yardim" outside Turkish and "HILFE" into "hılfe" inside it. Turkish lower-casing maps I → ı and
 * İ → i; folding ı to i afterwards makes "YARDIM", "yardım", "Yardim" and "HILFE" match whatever the
 * device's language (no other unlock word has an I that this changes).
 */
function normalize(text: string): string {
  return text.normalize('NFC').trim().toLocaleLowerCase('tr').replace(/ı/g, 'i');
}

const UNLOCK = new Set(appConfig.unlockWords.map(normalize));

/** True when `text` (a note, or its last line) is one of the unlock words. */
export function isUnlockWord(text: string): boolean {
  const lines = text
    .split(/\r?\n/)
    .map(normalize)
    .filter((l) => l !== '');
  const last = lines[lines.length - 1];
  return last !== undefined && UNLOCK.has(last);
}

/**
 * A duress code is 6 to 8 digits (shorter than any Belgian phone number, so a number noted down is not
 * sent): only such a note is sent to `POST /api/duress`, never any other note.
 */
export function isDuressCandidate(text: string): boolean {
  return /^\d{6,8}$/.test(text.trim());
}
