import type { JSX } from 'preact';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { sessionSet } from '../session.js';
import { ScreenHeading } from '../screen-heading.js';

/**
 * The first-visit page (GOV.UK's "interruption" pattern): how the quick exit works, that it does
 * not erase browser history, and the way to the "staying safer online" page. Shown once per
 * browsing session (a non-personal flag in sessionStorage).
 */
export function FirstVisit(): JSX.Element {
  const { t } = useI18n();
  const proceed = () => {
    sessionSet('seen', '1');
    navigate('home');
  };
  return (
    <section class="interruption">
      <ScreenHeading>{t.firstVisit.title}</ScreenHeading>
      <p>{t.firstVisit.exitHow}</p>
      <p>{t.firstVisit.exitWhere}</p>
      <p>{t.firstVisit.history}</p>
      <p>
        <button
          type="button"
          class="link-button"
          onClick={() => {
            sessionSet('seen', '1');
            navigate('safety');
          }}
        >
          {t.firstVisit.safetyLink}
        </button>
      </p>
      <button type="button" class="button primary" onClick={proceed}>
        {t.firstVisit.continue}
      </button>
    </section>
  );
}
