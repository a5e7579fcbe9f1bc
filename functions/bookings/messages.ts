import { brusselsFormat } from '../../shared/brussels-time.js';
import type { Notification } from '../lib/notifier.js';
import type { BookingRecord } from './model.js';

export type BookingEvent = 'made' | 'moved' | 'cancelled';

const SUBJECT: Record<BookingEvent, string> = { made: 'New booking', moved: 'Booking moved', cancelled: 'Booking cancelled' };

const local = (iso: string) => brusselsFormat('nl-BE', { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));

/**
 * The partner-intake message (SNS topic `partnerIntake`): reference, service and time only — never
 * the alias, language, needs or safe contact (a coordinator reads those in the staff console, audited).
 * Routing in attributes for subscription filter policies: partnerId, serviceId, kind, zone.
 */
export function bookingMessage(
  event: BookingEvent,
  b: Pick<BookingRecord, 'reference' | 'serviceId' | 'partnerId' | 'zone' | 'start' | 'date'>,
  previousStart?: string,
): Notification {
  const lines = [
    `${SUBJECT[event]}: ${b.reference}`,
    `Service: ${b.serviceId}`,
    `Time: ${local(b.start)} (${b.start})`,
    ...(previousStart ? [`Was: ${local(previousStart)} (${previousStart})`] : []),
    `Staff console: /staff/#/bookings?service=${encodeURIComponent(b.serviceId)}&date=${b.date}`,
  ];
  return {
    subject: `${SUBJECT[event]} ${b.reference}`,
    text: lines.join('\n'),
    attributes: { partnerId: b.partnerId, serviceId: b.serviceId, kind: `booking.${event}`, zone: b.zone },
  };
}
