/** The seeded demo order's fixed facts (local stack only; see orders.ts). No imports: the demo driver reads them without the SDK. */
export const DEMO_ORDER_ID = 'RO-000000000000000000000DEMO1';
export const DEMO_RESPONDENT_DEVICE = 'DEMO-BRACELET-1';
/** Public, like the demo password: it only exists in a local data folder. */
export const DEMO_PROTECTION_CODE = 'DEMO-DEMO-DEMO';
/** A public park in Boom, not anyone's home. */
export const DEMO_HOME = { lat: 51.0795, lon: 4.3555 };
