import { optionalIntEnv } from '../../functions/lib/config.js';
import { demoUsers } from '../../shared/identity.js';
import { localStaffPort } from '../../shared/web-origins.js';
import { issuerUrl, loadIssuerKeys, mintAccessToken, subjectFor } from './tokens.js';

/**
 * `npm run token -- <role|username|monitoring>`: prints an access token signed with the local
 * issuer's key in DATA_DIR (created if missing), valid for the local stack on PORT (its issuer lives on
 * the staff origin, PORT + 1) whether or not it is running. Nothing but the token goes to stdout, so `$(npm run -s token -- police)` works.
 */
const who = process.argv[2];
const subject = who ? subjectFor(who) : undefined;
if (!who || !subject) {
  const roles = [...new Set(demoUsers.flatMap((u) => u.roles))];
  console.error(`Usage: npm run token -- <role|username|monitoring>
  roles:      ${roles.join(', ')}, monitoring (the monitoring provider's client)
  user names: ${demoUsers.map((u) => u.username).join(', ')}`);
  process.exit(2);
}
const port = optionalIntEnv('PORT', 3000);
const dataDir = process.env.DATA_DIR?.trim() || '.data';
const keys = await loadIssuerKeys(dataDir);
console.log(await mintAccessToken(keys, subject, { issuer: issuerUrl(`http://127.0.0.1:${localStaffPort(port)}`) }));
