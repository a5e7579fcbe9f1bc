import type { ComponentChildren, JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { textIn, type Service } from '../catalog-types.js';
import { isOffline, useList } from '../data.js';
import { useI18n } from '../i18n/index.js';
import { navigate, useRoute } from '../router.js';
import { useStore } from '../store.js';
import { DetailsForm } from './details-form.js';
import { Done } from './done.js';
import { Manage } from './manage.js';
import { SlotPicker } from './slot-picker.js';
import { emptyDetails, flowStore, patchFlow, type Step as StepId } from './state.js';
import { StepHeading } from './ui.js';
import './booking.css';
import { ScreenHeading } from '../screen-heading.js';

/**
 * Booking an FJC service: choose a service → a free time (next ones first) → minimal details
 * and safe contact → reference + PIN shown once; and "my appointment" by reference + PIN (see, move,
 * cancel, erase). Everything lives in memory (state.ts) and the quick exit forgets it; nothing is kept
 * on the device unless the person explicitly ticks "keep on this device".
 *
 * One module per step: slot-picker.tsx, details-form.tsx, done.tsx, manage.tsx; ui.tsx holds what they
 * share. Busy flags and failures of calls go through pwa/common's `useAction`.
 */
export default function BookingScreen(): JSX.Element {
  const { lang, t: common } = useI18n();
  const t = common.booking;
  const flow = useStore(flowStore);
  const route = useRoute();
  const services = useList<Service & { capacity?: number }>('/api/services');
  const serviceList = services.status === 'ready' ? services.items.filter((s) => s.bookable) : [];
  const service = serviceList.find((s) => s.id === flow.serviceId);

  // Opened from the services screen with a service: go straight to its times.
  useEffect(() => {
    const id = route.params.service;
    if (id && flow.step === 'start') patchFlow({ step: 'slot', serviceId: id });
  }, [route.seq]);

  let body: JSX.Element;
  switch (flow.step) {
    case 'start':
      body = (
        <div class="actions">
          <button type="button" class="button primary" onClick={() => patchFlow({ step: 'service' })}>
            {t.startNew}
          </button>
          <button type="button" class="button" onClick={() => patchFlow({ step: 'manage' })}>
            {t.startManage}
          </button>
        </div>
      );
      break;
    case 'service':
      body = (
        <Step heading={t.chooseService} back="start" backLabel={t.back}>
          {services.status === 'loading' && (
            <p class="loading" role="status">
              …
            </p>
          )}
          {services.status === 'unavailable' && <p class="notice">{isOffline() ? t.servicesOffline : t.servicesUnavailable}</p>}
          <ul class="cards">
            {serviceList.map((s) => (
              <li key={s.id} class="card">
                <h3>{textIn(s.name, lang)}</h3>
                {s.description && <p>{textIn(s.description, lang)}</p>}
                {(s.capacity ?? 1) > 1 && <p class="hint">{t.groupSession(s.capacity ?? 1)}</p>}
                <button
                  type="button"
                  class="button"
                  onClick={() => patchFlow({ step: 'slot', serviceId: s.id, start: undefined, details: emptyDetails(lang) })}
                >
                  {t.chooseTime}: {textIn(s.name, lang)}
                </button>
              </li>
            ))}
          </ul>
        </Step>
      );
      break;
    case 'slot':
      body = (
        <Step heading={`${t.chooseTime}${service ? ` — ${textIn(service.name, lang)}` : ''}`} back="service" backLabel={t.back}>
          <SlotPicker
            t={t}
            lang={lang}
            serviceId={flow.serviceId ?? ''}
            selected={flow.start}
            confirmLabel={t.next}
            {...(flow.message ? { message: flow.message } : {})}
            onPick={(start) => patchFlow({ step: 'details', start, message: undefined, details: flow.details.language ? flow.details : emptyDetails(lang) })}
          />
        </Step>
      );
      break;
    case 'details':
      body = <DetailsForm t={t} lang={lang} languages={service?.languages ?? []} />;
      break;
    case 'done':
      body = <Done t={t} lang={lang} service={service} serviceName={service ? textIn(service.name, lang) : (flow.receipt?.serviceId ?? '')} />;
      break;
    case 'manage':
      body = (
        <Manage
          t={t}
          lang={lang}
          nameOf={(id) => textIn(serviceList.find((s) => s.id === id)?.name, lang) || id}
          serviceOf={(id) => serviceList.find((s) => s.id === id)}
        />
      );
      break;
  }

  return (
    <section class="booking">
      <ScreenHeading>{flow.step === 'manage' ? t.manageTitle : t.title}</ScreenHeading>
      {flow.step === 'start' && (
        <>
          <p>{t.intro}</p>
          <p class="notice">{t.noTrail}</p>
        </>
      )}
      {body}
      <button type="button" class="link-button" onClick={() => navigate('home')}>
        {common.backHome}
      </button>
    </section>
  );
}

/** A step with its heading, what it offers, and the way back to the step before it. */
function Step({ heading, back, backLabel, children }: { heading: string; back: StepId; backLabel: string; children: ComponentChildren }): JSX.Element {
  return (
    <div>
      <StepHeading>{heading}</StepHeading>
      {children}
      <button type="button" class="button" onClick={() => patchFlow({ step: back })}>
        {backLabel}
      </button>
    </div>
  );
}
