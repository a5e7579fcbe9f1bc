/**
 * A short two-tone chime for a new alert, made with Web Audio (no sound file to fetch or cache).
 * Browsers let a page play sound only after a user gesture: the first click or key press on the
 * console creates (or resumes) the audio context; until then the chime is silent and the visible
 * banner carries the news alone.
 */
let context: AudioContext | undefined;

function unlock(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
  } catch {
    // no Web Audio: the banner still shows
  }
}

/** Waits for the first user gesture to allow sound; returns the clean-up. */
export function armSound(): () => void {
  const events = ['pointerdown', 'keydown'] as const;
  for (const e of events) document.addEventListener(e, unlock, { capture: true, passive: true });
  return () => {
    for (const e of events) document.removeEventListener(e, unlock, { capture: true });
  };
}

export function chime(): void {
  if (context?.state !== 'running') return;
  const start = context.currentTime;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start + i * 0.25);
    gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.25 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.25 + 0.22);
    osc.connect(gain).connect(context.destination);
    osc.start(start + i * 0.25);
    osc.stop(start + i * 0.25 + 0.24);
  }
}
