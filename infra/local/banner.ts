import { join } from 'node:path';
import { demoUsers, identity } from '../../shared/identity.js';
import { schedules } from '../../shared/schedules.js';
import type { LocalStack } from './stack.js';

/** What `npm start` prints once the stack is up: every address a developer opens, local-only pages included. */
type Shown = Pick<LocalStack, 'url' | 'staffUrl' | 'pwa' | 'seed' | 'dynamoEndpoint' | 'tableName'> & { issuer: { url: string } };

export function banner(s: Shown, run: { dataDir: string; tickSeconds?: number | undefined }): string {
  const seeded = s.seed
    ? [s.seed.seeded.length ? `seeded ${s.seed.seeded.join(', ')}` : '', s.seed.alreadySeeded.length ? `kept ${s.seed.alreadySeeded.join(', ')}` : '']
        .filter(Boolean)
        .join('; ')
    : 'not seeded';
  const roles = [...new Set(demoUsers.flatMap((u) => u.roles))].join(' | ');
  return `
OneRoof local stack — victim app ${s.url}, staff console ${s.staffUrl}

  Victim app (PWA)   ${s.url}/${s.pwa.built ? '' : '   (not built: npm run build:pwa)'}
                     its API: the public routes the app uses (${s.url}/api/health); nothing of the staff's
  Staff console      ${s.staffUrl}/staff/   (its own origin; sign in as a demo user, password "demo")
                     its API: the staff routes (${s.staffUrl}/api/health)
  Notifications      ${s.url}/api/dev/notifications   (every SNS message, newest first)
  Dead letters       ${s.url}/api/dev/dead-letters
  Push inbox         ${s.url}/api/dev/push   (every Web Push the local push service received, decrypted)
  Clock              ${s.url}/api/dev/clock   (POST {"advanceMinutes": 60} to fast-forward)
  Token issuer       ${s.issuer.url}   (JWKS at ${s.issuer.url}/.well-known/jwks.json)
  DynamoDB Local     ${s.dynamoEndpoint}   (table ${s.tableName})

  A token for curl:  npm run token -- <${roles} | monitoring | user name>
                     curl -H "Authorization: Bearer $(npm run -s token -- coordinator)" ${s.staffUrl}/api/staff/bookings
  Monitoring client: client_id ${identity.localClients.monitoring}, secret in ${join(run.dataDir, 'keys', 'monitoring-secret')}
                     (client credentials at ${s.issuer.url}/token; never printed: terminals are logged and shared)

  Data: ${run.dataDir} (${seeded}) · Schedules: ${schedules.map((x) => x.name).join(', ')}${run.tickSeconds ? ` every ${run.tickSeconds} s` : ''}
  Ctrl-C stops everything.
`;
}
