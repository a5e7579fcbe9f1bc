import type { JSX } from 'preact';
import { appConfig } from '../config.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { ScreenHeading } from '../screen-heading.js';

/** "Staying safer online": shared devices, private browsing, deleting history (and why deleting everything can be noticed). */
export default function Safety(): JSX.Element {
  const { t } = useI18n();
  return (
    <section>
      <ScreenHeading>{t.safety.title}</ScreenHeading>
      <p>{t.safety.intro}</p>
      {t.safety.tips.map((tip) => (
        <section key={tip.title}>
          <h2>{tip.title}</h2>
          <p>{tip.text}</p>
        </section>
      ))}
      <section>
        <h2>{t.safety.appTip.title}</h2>
        <p>{t.safety.appTip.text(appConfig.shortName)}</p>
      </section>
      <button type="button" class="button" onClick={() => navigate('home')}>
        {t.backHome}
      </button>
    </section>
  );
}
