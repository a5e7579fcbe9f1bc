import { api, apiPath } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { ErrorText } from './errors.js';
import { SelectField } from './fields.js';
import { useLoad } from './hooks.js';
import { Loading } from './page.js';

interface Officers {
  zone: string;
  officers: { username: string; displayName: string }[];
}

/**
 * The officers who may own a follow-up of a zone, from the staff directory (`GET /api/staff/officers`):
 * a choice, never free text — the API refuses anyone else.
 */
export function OfficerChoice({
  id,
  zone,
  current,
  value,
  onChange,
}: {
  id: string;
  zone: string;
  current?: string | undefined;
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const path = apiPath('/api/staff/officers', { zone });
  const list = useLoad((signal) => api<Officers>('GET', path, { signal }), path);
  if (list.error) return <ErrorText error={list.error} />;
  if (!list.data) return <Loading />;
  const options = list.data.officers.filter((o) => o.username !== current).map((o) => [o.username, `${o.displayName} (${o.username})`] as const);
  return <SelectField id={id} label={t.followups.toOfficer} required empty={t.none} value={value} onChange={onChange} options={options} />;
}
