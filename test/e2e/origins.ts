import { localStaffPort } from '../../shared/web-origins.js';

/**
 * The two origins of the stack under test (shared/web-origins.ts): the victim app on E2E_PORT
 * (Playwright's baseURL, default 3100), the staff console, its sign-in and the staff API on the next port.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const VICTIM_ORIGIN = `http://127.0.0.1:${E2E_PORT}`;
export const STAFF_ORIGIN = `http://127.0.0.1:${localStaffPort(E2E_PORT)}`;
