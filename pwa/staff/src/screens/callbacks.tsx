import type { CallbackDoneAnswer, CallbackView } from '../../../../shared/space/api.js';
import { api, seg } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { ErrorText } from '../ui/errors.js';
import { Fact, Facts } from '../ui/fields.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Loading, Page } from '../ui/page.js';
import { callbackText } from './callback-text.js';

/**
 * A call-back she asked for from her space, where the reminder's link leads: her safe times, whether a
 * voicemail is safe and her language come first, and only then the number (a `tel:` link), so nobody
 * dials before reading how. The server opens it only for those who may call her back, and audits it.
 * Once she has been called back, "done" records who and when (marking it again changes nothing).
 */
export function CallbackScreen({ id }: { id: string }) {
  const { lang, dateTime } = useI18n();
  const x = callbackText[lang];
  const loaded = useLoad((signal) => api<CallbackView>('GET', `/api/callbacks/${seg(id)}`, { signal }), id);
  const c = loaded.data;
  const action = useAction();
  const markDone = () =>
    void action.run(async () => {
      await api<CallbackDoneAnswer>('POST', `/api/callbacks/${seg(id)}/done`);
      loaded.reload();
    });
  return (
    <Page title={x.title} audited>
      {loaded.loading && !c ? <Loading /> : null}
      <ErrorText error={loaded.error} />
      {c ? (
        <section class="safe-contact" data-callback>
          <p>{x.intro}</p>
          <Facts>
            <Fact term={x.asked}>{x.from[c.from]}</Fact>
            <Fact term={x.requestedAt}>{dateTime(c.requestedAt)}</Fact>
            <Fact term={x.safeTimes}>{c.safeTimes.map((t) => x.times[t]).join(', ')}</Fact>
            <Fact term={x.voicemail}>{c.voicemail ? x.yes : <strong>{x.voicemailNo}</strong>}</Fact>
            <Fact term={x.language}>{c.language}</Fact>
            {c.caseId ? (
              <Fact term={x.case}>
                <a href={`#/cases/${c.caseId}`}>{c.caseId}</a>
              </Fact>
            ) : null}
            <Fact term={x.phone}>
              <a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`} data-callback-phone>
                {x.call(c.phone)}
              </a>
            </Fact>
            {c.done ? <Fact term={x.done}>{x.doneBy(c.done.by, dateTime(c.done.at))}</Fact> : null}
          </Facts>
          {c.done ? null : (
            <div class="actions">
              <button type="button" class="button primary" disabled={action.busy} onClick={markDone} data-callback-done>
                {x.markDone}
              </button>
            </div>
          )}
          <ErrorText error={action.error} />
        </section>
      ) : null}
    </Page>
  );
}
