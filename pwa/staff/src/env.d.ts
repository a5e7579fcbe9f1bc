/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Build-time defaults of the staff console's sign-in (see pwa/staff/README.md). */
  readonly VITE_STAFF_AUTH_BASE?: string;
  readonly VITE_STAFF_COGNITO_DOMAIN?: string;
  readonly VITE_STAFF_CLIENT_ID?: string;
  readonly VITE_STAFF_AUTHORIZE_URL?: string;
  readonly VITE_STAFF_TOKEN_URL?: string;
  readonly VITE_STAFF_LOGOUT_URL?: string;
  readonly VITE_STAFF_IDLE_MINUTES?: string;
  /** A map tile layer under the alert picture (shared/map-tiles.ts); both or neither. */
  readonly VITE_STAFF_MAP_TILE_URL?: string;
  readonly VITE_STAFF_MAP_ATTRIBUTION?: string;
}
