import type { JSX } from 'preact';
import type { Service } from '../catalog-types.js';
import type { BookingTexts } from '../i18n/index.js';

/**
 * Where to go and how, from the service's catalogue entry (`location`, `confidential`): the place and
 * its address, and what to say at the reception. At a confidential place (a shelter, a safe house)
 * never an address, even if one came: only how she will be met (the location's label). `dt`/`dd`
 * pairs, for the booking's facts list.
 */
export function WhereToGo({ t, service }: { t: BookingTexts; service: Service | undefined }): JSX.Element {
  const location = service?.location;
  if (!location?.label)
    return (
      <>
        <dt>{t.where}</dt>
        <dd data-where="unknown">{t.whereUnknown}</dd>
      </>
    );
  if (service?.confidential)
    return (
      <>
        <dt>{t.where}</dt>
        <dd data-where="confidential">
          <p>{t.confidentialPlace}</p>
          <p dir="auto">{location.label}</p>
        </dd>
      </>
    );
  return (
    <>
      <dt>{t.where}</dt>
      <dd data-where="">
        <p dir="auto">
          {location.label}
          {location.address && (
            <>
              <br />
              <span data-address="">{location.address}</span>
            </>
          )}
        </p>
        <p>{t.howToGo}</p>
      </dd>
    </>
  );
}
