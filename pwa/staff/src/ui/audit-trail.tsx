import { useState } from 'preact/hooks';
import type { AuditPage, AuditRecord } from '../../../../shared/audit/api.js';
import { api, apiPath, seg } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { ErrorText } from './errors.js';
import { useAction } from './hooks.js';

/**
 * The access trail of one entity (`GET /api/audit/{entity}/{id}`, coordinators and supervisors).
 * Loaded only on request: reading a trail is itself recorded.
 */
export function AuditTrail({ entity, id }: { entity: string; id: string }) {
  const { t, dateTime } = useI18n();
  const [items, setItems] = useState<AuditRecord[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const action = useAction();
  const load = (after?: string) =>
    void action.run(async () => {
      const page = await api<AuditPage>('GET', apiPath(`/api/audit/${seg(entity)}/${seg(id)}`, { cursor: after }));
      setItems([...(after ? (items ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    });
  return (
    <section aria-labelledby="audit-title" class="panel">
      <h2 id="audit-title">{t.audit.title}</h2>
      {items === undefined ? (
        <button type="button" class="button" disabled={action.busy} onClick={() => load()}>
          {t.audit.show}
        </button>
      ) : items.length === 0 ? (
        <p>{t.audit.empty}</p>
      ) : (
        <div class="scroll" role="region" aria-labelledby="audit-title" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.audit.when}</th>
                <th scope="col">{t.audit.who}</th>
                <th scope="col">{t.audit.roles}</th>
                <th scope="col">{t.audit.action}</th>
                <th scope="col">{t.audit.route}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r, i) => (
                <tr key={`${r.at}-${i}`}>
                  <td>{dateTime(r.at)}</td>
                  <td>{r.actor}</td>
                  <td>{r.roles.join(', ')}</td>
                  <td>{r.action}</td>
                  <td>
                    <code>{r.route}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items !== undefined && cursor ? (
        <button type="button" class="button" disabled={action.busy} onClick={() => load(cursor)}>
          {t.audit.more}
        </button>
      ) : null}
      <ErrorText error={action.error} />
    </section>
  );
}
