import type { JSX } from 'preact';
import { CodeField } from '../field.js';
import type { ProtectionTexts } from '../i18n/index.js';
import { useRef, useState } from 'preact/hooks';

/**
 * Setting (or removing) her optional duress code: `POST /api/protection/duress-code` with the
 * protection code. The server keeps only an scrypt hash with the order; nothing is kept here, and the
 * field is emptied once saved.
 */
export function DuressCode({ t, codeOrFocus }: { t: ProtectionTexts; codeOrFocus: () => string | undefined }): JSX.Element {
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const field = useRef<HTMLInputElement>(null);

  const send = async (remove: boolean) => {
    setDone('');
    const duressCode = value.trim();
    if (!remove && !/^\d{6,8}$/.test(duressCode)) {
      setError(t.duressInvalid);
      field.current?.focus();
      return;
    }
    const protectionCode = codeOrFocus();
    if (!protectionCode) return;
    let res: Response;
    try {
      res = await fetch('/api/protection/duress-code', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(remove ? { protectionCode } : { protectionCode, duressCode }),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      setError(t.errors.offline);
      return;
    }
    if (res.ok) {
      setValue('');
      setDone(remove ? t.duressRemoved : t.duressSaved);
      return;
    }
    setError(res.status === 409 ? t.duressTaken : res.status === 404 ? t.errors['unknown-code'] : res.status === 429 ? t.errors.throttled : t.duressInvalid);
    if (res.status === 409 || res.status === 400) field.current?.focus();
  };

  return (
    <section class="panel" aria-labelledby="duress-title">
      <h2 id="duress-title">{t.duressTitle}</h2>
      <p>{t.duressIntro}</p>
      <CodeField
        id="duress-code"
        label={t.duressLabel}
        hint={t.duressHint}
        digits
        maxLength={8}
        value={value}
        error={error}
        inputRef={field}
        onInput={(v) => {
          setError('');
          setValue(v);
        }}
      />
      <div class="actions">
        <button type="button" class="button primary" onClick={() => void send(false)}>
          {t.duressSave}
        </button>
        <button type="button" class="button" onClick={() => void send(true)}>
          {t.duressRemove}
        </button>
      </div>
      <p role="status">{done}</p>
    </section>
  );
}
