import type { JSX } from 'preact';
import { useI18n } from '../i18n/index.js';
import { EmergencyCards } from '../call.js';
import { Lazy } from '../lazy.js';
import { navigate, type ScreenId } from '../router.js';
import { ScreenHeading } from '../screen-heading.js';

const loadContacts = () => import('../contacts/ContactList.js');

/** The other screens, in the menu's order; each one's label is its id in camelCase in `t.menu`. */
const MENU = ['services', 'book', 'protection', 'safety', 'self-check', 'fjc', 'space'] as const satisfies readonly ScreenId[];
const menuKey = (id: (typeof MENU)[number]) => (id === 'self-check' ? 'selfCheck' : id);

/**
 * The start page: the emergency and help lines (inside the bundle, so they show with no network and
 * an empty cache), tap to call; the other screens; the contact points (their own chunk).
 */
export function Home(): JSX.Element {
  const { t } = useI18n();
  return (
    <>
      <ScreenHeading>{t.home.title}</ScreenHeading>
      <p>{t.home.intro}</p>
      <section aria-labelledby="emergency-title">
        <h2 id="emergency-title">{t.home.emergencyTitle}</h2>
        <EmergencyCards />
      </section>
      <nav aria-labelledby="menu-title">
        <h2 id="menu-title">{t.home.menuTitle}</h2>
        <ul class="menu">
          {MENU.map((id) => (
            <li key={id}>
              <button type="button" class="button menu-item" onClick={() => navigate(id)}>
                {t.menu[menuKey(id)]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="contacts-title">
        <h2 id="contacts-title">{t.contacts.title}</h2>
        <Lazy load={loadContacts} />
      </section>
    </>
  );
}
