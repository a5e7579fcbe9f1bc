import { useState } from 'preact/hooks';
import type { AuditPage, AuditRecord } from '../../../../shared/audit/api.js';
import { api, apiPath, seg } from '../api.js';
import { label, useI18n } from '../i18n/index.js';
import { DataTable } from './data-table.js';
import { ErrorText } from './errors.js';
import { useAction } from './hooks.js';

/**
 * The access trail of one entity (`GET /api/audit/{entity}/{id}`, coordinators and supervisors).
 * Loaded only on request: reading a trail is itself recorded.
 */
export function AuditTrail({ entity, id, nested = false }: { entity: string; id: string /** Inside a card (a heading one level down). */; nested?: boolean }) {
  const { t, dateTime } = useI18n();
  // One trail per entity on a page: ids of its own (several booking cards each hold one).
  const titleId = `audit-${entity}-${id}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const Heading = nested ? 'h3' : 'h2';
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
    <section aria-labelledby={titleId} class="panel">
      <Heading id={titleId}>{t.audit.title}</Heading>
      {items === undefined ? (
        <button type="button" class="button" disabled={action.busy} onClick={() => load()}>
          {t.audit.show}
        </button>
      ) : items.length === 0 ? (
        <p>{t.audit.empty}</p>
      ) : (
        <DataTable
          labelledBy={titleId}
          columns={[t.audit.when, t.audit.who, t.audit.roles, t.audit.action, t.audit.route]}
          rows={items}
          rowKey={(r, i) => `${r.at}-${i}`}
          cells={(r) => [dateTime(r.at), r.actor, r.roles.join(', '), label(t.audit.actions, r.action), <code>{r.route}</code>]}
        />
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
