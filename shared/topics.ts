/**
 * SNS topics, declared once. Each handler that publishes gets the topic ARN in `envVar`
 * (CDK sets it together with the grant; the local stack creates the topic on its local SNS endpoint).
 * Messages carry references and links only, never a victim's name, address, number or needs.
 */
export const topics = {
  policeAlerts: {
    envVar: 'TOPIC_POLICE_ALERTS',
    purpose: 'Restraining-order breaches, panic and signal loss for police (filter on severity, district, kind)',
  },
  officerReminders: {
    envVar: 'TOPIC_OFFICER_REMINDERS',
    purpose: 'Follow-up reminders for social-service officers (filter on officerId, zone, urgency)',
  },
  supervisorEscalations: {
    envVar: 'TOPIC_SUPERVISOR_ESCALATIONS',
    purpose: 'Overdue follow-ups and unacknowledged alerts for supervisors',
  },
  partnerIntake: {
    envVar: 'TOPIC_PARTNER_INTAKE',
    purpose:
      'Bookings made, moved or cancelled, for the providing FJC partner; FJC referral escalations and overdue actions (filter on partnerId, kind, audience)',
  },
} as const;

export type TopicName = keyof typeof topics;
export const TOPIC_NAMES = Object.keys(topics) as TopicName[];
