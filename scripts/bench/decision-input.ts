/**
 * The decision every benchmark starts: adopted now, due in a year, its lead rotating over eight
 * organizations. `prefix` keeps each benchmark's workflow ids apart (b1, c1, l1 …).
 */
import type { DecisionTrackingInput } from '../../domain/decision-input';

const LEADS = ['au', 'eu', 'oas', 'asean', 'un', 'igad', 'ecowas', 'osce'];

export function benchDecisionInput(prefix: string, i: number, now: number): DecisionTrackingInput {
  return {
    decision: {
      ref: `${prefix}${i}`,
      edition: '7',
      meetingTitle: 'Seventh high-level meeting (benchmark)',
      text: 'A databank on conflict prevention capacities of partner organizations should be established.',
      area: 'conflict prevention',
      leadOrganization: LEADS[i % LEADS.length]!,
      responsibleOrganizations: ['pif', 'las'],
      dueDate: new Date(now + 365 * 86_400_000).toISOString(),
      adoptedAt: new Date(now).toISOString(),
    },
    organizers: [{ name: 'Amina Rahman', email: 'amina.rahman@un.example.org' }],
  };
}
