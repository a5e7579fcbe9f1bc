// Placeholder until the capability lands.
import { placeholderApi } from '../lib/placeholder.js';

export const handler = placeholderApi('alerts');
