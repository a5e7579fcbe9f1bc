import type { CapabilityContract } from '../contract.js';

/** `GET /api/health`. */
export interface Health {
  status: 'ok';
  version: string;
}

export const healthContract = {
  'GET /api/health': { responses: { 200: { description: 'Up, with the deployed version' } } },
  'GET /api/openapi.json': { responses: { 200: { description: 'This document' } } },
} as const satisfies CapabilityContract<'health'>;
