import { useEffect, useState } from 'preact/hooks';
import type { PushDevice, PushDeviceList, PushKey } from '../../../../shared/push/api.js';
import type { StaffRole } from '../../../../shared/roles.js';
import { SEVERITIES, type Severity } from '../../../../shared/zones/types.js';
import { api, seg } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { currentSubscription, deviceIdOf, pushSupported, subscribe } from '../push.js';
import { ErrorText } from '../ui/errors.js';
import { useAction, useLoad } from '../ui/hooks.js';
import { Loading, Outcome, Page } from '../ui/page.js';
import { devicesText } from './devices-text.js';

/**
 * Staff register this browser (a work phone with the console installed) to receive Web Push, and
 * remove any of their devices. Police choose from which severity alerts are pushed.
 */
export function DevicesScreen({ roles }: { roles: readonly StaffRole[] }) {
  const { lang, dateTime } = useI18n();
  const x = devicesText[lang];
  const key = useLoad((signal) => api<PushKey>('GET', '/api/push/key', { signal }), 'push-key');
  const list = useLoad((signal) => api<PushDeviceList>('GET', '/api/push/devices', { signal }), 'push-devices');
  const [here, setHere] = useState<string | undefined>(undefined);
  const [minSeverity, setMinSeverity] = useState<Severity>('low');
  const [label, setLabel] = useState('');
  const [denied, setDenied] = useState(false);
  const [notice, setNotice] = useState('');
  const action = useAction();

  useEffect(() => {
    void currentSubscription().then(async (sub) => setHere(sub ? await deviceIdOf(sub.endpoint) : undefined));
  }, [list.data]);

  const enable = (e: Event) => {
    e.preventDefault();
    const publicKey = key.data?.publicKey;
    if (!publicKey) return;
    setDenied(false);
    void action.run(async () => {
      let subscription: Awaited<ReturnType<typeof subscribe>>;
      try {
        subscription = await subscribe(publicKey);
      } catch (err) {
        if ((err as Error).message === 'permission') {
          setDenied(true);
          return;
        }
        throw err;
      }
      await api<PushDevice>('POST', '/api/push/devices', { body: { subscription, minSeverity, ...(label.trim() ? { label: label.trim() } : {}) } });
      setNotice(x.enabled);
      list.reload();
    });
  };

  const remove = (d: PushDevice) =>
    void action.run(async () => {
      await api<void>('DELETE', `/api/push/devices/${seg(d.id)}`);
      if (d.id === here) await (await currentSubscription())?.unsubscribe();
      setNotice(x.removed);
      list.reload();
    });

  const devices = list.data?.devices ?? [];
  return (
    <Page title={x.title}>
      <p>{x.intro}</p>
      {key.loading && !key.data ? <Loading /> : null}
      <ErrorText error={key.error ?? list.error ?? action.error} />
      <Outcome text={notice} class="notice" />
      {key.data && !key.data.enabled ? <p class="muted">{x.notConfigured}</p> : null}
      {key.data?.enabled && !pushSupported() ? <p class="muted">{x.unsupported}</p> : null}
      {denied ? (
        <p class="error" role="alert">
          {x.denied}
        </p>
      ) : null}
      {key.data?.enabled && pushSupported() ? (
        <form class="inline-form" onSubmit={enable}>
          <div class="field">
            <label for="device-label">{x.label}</label>
            <input id="device-label" type="text" maxLength={40} value={label} onInput={(e) => setLabel((e.currentTarget as HTMLInputElement).value)} />
          </div>
          {roles.includes('police') ? (
            <div class="field">
              <label for="min-severity">{x.minSeverity}</label>
              <select id="min-severity" value={minSeverity} onChange={(e) => setMinSeverity((e.currentTarget as HTMLSelectElement).value as Severity)}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {x.severity[s]}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <button type="submit" class="button primary" disabled={action.busy}>
            {x.enable}
          </button>
        </form>
      ) : null}
      <h2>{x.devices}</h2>
      {list.data && devices.length === 0 ? <p class="muted">{x.noDevices}</p> : null}
      <ul class="device-list">
        {devices.map((d) => (
          <li key={d.id}>
            <span>
              <strong>{d.label ?? x.unnamed}</strong> {d.id === here ? x.thisDevice : ''} — {d.topics.map((t) => x.topics[t] ?? t).join(', ')}
              {roles.includes('police') ? ` (≥ ${x.severity[d.minSeverity]})` : ''} · {x.since} {dateTime(d.createdAt)}
              {d.lastDeliveredAt ? ` · ${x.lastDelivered} ${dateTime(d.lastDeliveredAt)}` : ''}
            </span>{' '}
            <button type="button" class="button" disabled={action.busy} aria-label={`${x.remove}: ${d.label ?? x.unnamed}`} onClick={() => remove(d)}>
              {x.remove}
            </button>
          </li>
        ))}
      </ul>
    </Page>
  );
}
