import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { isDuressCandidate, isUnlockWord } from '../disguise.js';
import { sendWithRetry } from '../protection/send.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { sessionGet, sessionSet } from '../session.js';
import { ScreenHeading } from '../screen-heading.js';

/**
 * The neutral screen of the installed app: notes that really work, offline (this tab's
 * sessionStorage only, so the quick exit and closing the app forget them). Nothing on it names help,
 * violence or the police, and it shows no quick exit or language switch: it IS what an exit shows.
 * Typing an unlock word (config.ts `unlockWords`) as a note opens help; the word is never kept.
 * A note of 6 to 8 digits may be her duress code: see `isDuressCandidate`.
 */
const KEY = 'notes';

function loadNotes(): string[] {
  try {
    const v = JSON.parse(sessionGet(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}

export function Notes(): JSX.Element {
  const { t } = useI18n();
  const [notes, setNotes] = useState<string[]>(loadNotes);
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const store = (next: string[]) => {
    setNotes(next);
    sessionSet(KEY, JSON.stringify(next));
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const text = draft.trim();
    setDraft('');
    if (text === '') return;
    if (isUnlockWord(text)) {
      navigate('home');
      return;
    }
    // A duress code looks like any number noted down: kept as a note, and checked silently (a match
    // raises a panic for her order; the answer is the same either way and nothing shows on screen).
    if (isDuressCandidate(text)) void sendWithRetry('/api/duress', { code: text });
    store([text, ...notes]);
    input.current?.focus();
  };

  return (
    <section class="notes" data-neutral-screen="">
      <ScreenHeading>{t.notes.title}</ScreenHeading>
      <form class="note-form" onSubmit={submit}>
        <label for="note-new">{t.notes.label}</label>
        <div class="note-row">
          <input
            ref={input}
            id="note-new"
            class="text-input"
            type="text"
            autocomplete="off"
            spellcheck={false}
            maxLength={500}
            value={draft}
            onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit" class="button primary">
            {t.notes.save}
          </button>
        </div>
      </form>
      {notes.length === 0 ? (
        <p class="hint">{t.notes.empty}</p>
      ) : (
        <ul class="note-list">
          {notes.map((note, i) => (
            <li key={`${i}-${note}`} class="card note">
              <p>{note}</p>
              <button type="button" class="link-button" onClick={() => store(notes.filter((_, j) => j !== i))}>
                {t.notes.remove}
                <span class="visually-hidden">: {note}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
