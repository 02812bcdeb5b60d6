/** Sample data for every kind of message, for the seventh meeting (New York, September 2006). */
import type { MessageInput, MessageKind, SendMessageInput } from '../../notifications';

type DataOf<K extends MessageKind> = Extract<MessageInput, { kind: K }>['data'];

export const MEETING_ZONE = 'America/New_York';
export const edition = {
  number: 7,
  title: 'Seventh high-level meeting of the United Nations and regional organizations',
};
export const contact = { name: 'HLM Secretariat', email: 'hlm-secretariat@un.example.org' };
export const chair = { name: 'Ana Qalo', email: 'ana.qalo@forum.example.org', timeZone: 'Pacific/Fiji' };
export const organizer = {
  name: 'Rui Costa',
  email: 'rui.costa@un.example.org',
  timeZone: 'America/New_York',
};

export const meeting = {
  title: 'Seventh high-level meeting',
  start: '2006-09-22T14:00:00Z',
  end: '2006-09-22T22:00:00Z',
  venue: 'United Nations Headquarters, New York',
  councilMeeting: {
    title: 'Security Council debate on regional organizations',
    start: '2006-09-20T14:00:00Z',
  },
};

const group = 'Peacekeeping';
const deadline = '2006-06-30T21:00:00Z';
const decision = {
  ref: '94b',
  title: 'Establish a standing liaison mechanism',
  lead: 'African Union',
  responsible: ['ECOWAS', 'IGAD'],
  due: '2007-09-30T21:00:00Z',
};
const common = { edition, contact };
/** The fourth Council meeting with regional organizations; its dates here are samples. */
const council = {
  edition: {
    number: 2006,
    title: 'Fourth Security Council meeting with regional organizations',
    series: 'council' as const,
  },
  contact,
  meeting: {
    title: 'Fourth Security Council meeting with regional organizations',
    start: '2006-09-20T14:00:00Z',
    end: '2006-09-20T17:00:00Z',
    venue: 'Security Council Chamber, New York',
  },
  session: {
    id: 'council-session-2006',
    presidency: 'Greece (September 2006)',
    actingFor: { name: 'Presidency office', email: 'presidency@council.example.org' },
  },
};

/** One sample per kind; a new kind without a sample does not compile. */
export const SAMPLES: { [K in MessageKind]: DataOf<K> } = {
  'call-for-inputs': {
    ...common,
    group,
    deadline,
    meeting,
    instructions: 'Please keep papers under ten pages.',
    submitUrl: 'https://convene.example.org/hlm-7/peacekeeping',
  },
  'input-reminder': { ...common, group, deadline },
  'input-overdue': { ...common, group, deadline },
  'input-escalation': { ...common, group, deadline, chair, remindersSent: 3 },
  'revision-requested': {
    ...common,
    group,
    deadline,
    reviewer: 'Rui Costa',
    comments: 'Please shorten section 2.',
  },
  'input-accepted': { ...common, group, acceptedBy: 'Rui Costa', acceptedAt: '2006-06-20T15:00:00Z' },
  'extension-granted': { ...common, group, deadline: '2006-07-14T21:00:00Z', previousDeadline: deadline },
  'extension-denied': { ...common, group, deadline, reason: 'The agenda must go out on time.' },
  'input-received': {
    ...common,
    group,
    deadline,
    version: 2,
    receivedAt: '2006-06-28T09:30:00Z',
    late: false,
    submittedBy: { name: 'Ana Qalo', email: 'ana.qalo@forum.example.org' },
    summary: 'The group proposes two items on regional standby arrangements.',
    items: ['Regional standby arrangements', 'Training of police contingents'],
    files: [
      { title: 'Standby arrangements paper', file: 'standby.pdf' },
      { title: 'Earlier study', file: undefined },
    ],
    submitUrl: 'https://convene.example.org/groups/hlm-7-wg-peacekeeping',
  },
  'extension-requested': {
    ...common,
    group,
    deadline,
    requestedBy: { name: 'Ana Qalo', email: 'ana.qalo@forum.example.org' },
    requestedAt: '2006-06-27T09:30:00Z',
    until: '2006-07-07T21:00:00Z',
    reason: 'Two member organizations are still consulting their capitals.',
    decideCommand: 'convene input decide 7 peacekeeping',
  },
  'final-agenda': {
    ...common,
    meeting,
    items: [{ title: 'Cooperation in peacekeeping', group }, { title: 'Mediation' }],
    approvedAt: '2006-08-20T15:00:00Z',
    agendaUrl: 'https://convene.example.org/cycles/hlm-7',
  },
  'draft-agenda': {
    ...common,
    meeting,
    items: [{ title: 'Cooperation in peacekeeping', group }, { title: 'Mediation' }],
    commentDeadline: '2006-08-15T21:00:00Z',
  },
  invitation: {
    ...common,
    meeting,
    agenda: [{ title: 'Cooperation in peacekeeping', group }],
    detailsUrl: 'https://convene.example.org/hlm-7',
  },
  'reschedule-notice': {
    ...common,
    meeting: { ...meeting, start: '2006-09-25T14:00:00Z', end: '2006-09-25T22:00:00Z' },
    previous: { start: meeting.start, end: meeting.end, venue: meeting.venue },
    reason: 'The Security Council debate moved.',
  },
  'coincidence-lost': {
    ...common,
    meeting,
    explanation:
      'The high-level meeting (Friday 22 September 2006) and the Security Council meeting (Tuesday 3 October 2006) do not coincide.',
  },
  'council-move-proposal': {
    ...common,
    meeting,
    explanation:
      'The high-level meeting (Friday 22 September 2006) and the Security Council meeting (Tuesday 3 October 2006) do not coincide.',
    proposed: {
      start: '2006-10-02T14:00:00Z',
      end: '2006-10-02T22:00:00Z',
      coincidence: 'Both fall in ISO week 2006-W40 in New York.',
    },
    timeline: [
      { name: 'inputDeadline', at: '2006-08-10T21:00:00Z' },
      { name: 'invitations', at: '2006-09-11T13:00:00Z' },
    ],
    applyCommand: 'convene cycle follow-council 7',
  },
  cancellation: { ...common, meeting, reason: 'The meeting is postponed to next year.' },
  'outcome-report': { ...common, meeting, decisions: [decision], summary: 'Twenty organizations took part.' },
  'decision-progress-request': { ...common, decision, reportBy: '2007-03-31T21:00:00Z' },
  'decision-due-soon': { ...common, decision },
  'decision-overdue': {
    ...common,
    decision,
    lastProgress: { at: '2007-04-02T12:00:00Z', summary: 'Terms of reference drafted.' },
  },
  'decision-escalation': { ...common, decision, reason: 'No progress for six months.' },
  'decision-update': {
    ...common,
    decision,
    audience: 'committee-member',
    event: {
      kind: 'claim-awaiting',
      claim: {
        at: '2007-08-01T09:00:00Z',
        by: 'focal.point@au.example.org',
        summary: 'The liaison mechanism met twice.',
        evidence: ['https://au.example.org/liaison/minutes.pdf'],
      },
    },
  },
  'committee-digest': {
    ...common,
    period: { from: '2007-01-01T00:00:00Z', to: '2007-03-31T23:59:00Z' },
    decisions: [{ ...decision, status: 'In progress' }],
    ideas: [{ title: 'A joint early-warning workshop', proposedBy: 'OSCE' }],
    reviewMeeting: {
      start: '2007-04-10T13:00:00Z',
      end: '2007-04-10T14:30:00Z',
      inconvenienced: ['Ana Qalo (PIF)'],
    },
  },
  'committee-review-invitation': {
    ...common,
    meeting: {
      title: 'Review meeting of the standing committee',
      start: '2007-04-10T13:00:00Z',
      end: '2007-04-10T14:30:00Z',
      venue: 'Video conference (the organizers send the link)',
    },
    review: { id: 'standing-committee-review-2', inconvenienced: ['Ana Qalo (PIF)'] },
  },
  'committee-review-cancelled': {
    ...common,
    meeting: {
      title: 'Review meeting of the standing committee',
      start: '2007-04-10T13:00:00Z',
      end: '2007-04-10T14:30:00Z',
      venue: 'Video conference (the organizers send the link)',
    },
    review: { id: 'standing-committee-review-2' },
  },
  'council-invitation': {
    ...council,
    organization: 'AU',
    basis: 'rule-39',
    role: 'head',
    replyBy: '2006-09-08T21:00:00Z',
    conceptNote: { title: 'Cooperation with regional organizations', version: 2 },
  },
  'council-reminder': { ...council, organization: 'AU', replyBy: '2006-09-08T21:00:00Z' },
  'council-unanswered': {
    ...council,
    replyBy: '2006-09-08T21:00:00Z',
    unanswered: [{ organization: 'PIF', briefer: { name: 'Ana Qalo', email: 'ana.qalo@forum.example.org' } }],
  },
  'council-session-moved': {
    ...council,
    previous: { start: '2006-09-19T14:00:00Z', end: '2006-09-19T17:00:00Z' },
    reason: 'The Council moved the meeting by a day.',
  },
  'council-decline-noted': { ...council, organization: 'PIF' },
  'council-cycle-moved': {
    ...council,
    hlm: {
      title: 'Seventh high-level meeting',
      start: '2006-10-03T14:00:00Z',
      previousStart: '2006-09-22T14:00:00Z',
    },
    explanation: 'They fall in different ISO weeks in New York (2006-W38 and 2006-W40).',
    moveCommand: 'convene council move 2006',
  },
  'council-outcome': {
    ...council,
    outcome: { symbol: 'S/PRST/2006/39', kind: 'presidential-statement' },
    requests: [
      {
        ref: 'prst2006-39-5',
        source: 'S/PRST/2006/39, para. 5',
        title: 'Report on cooperation',
        lead: 'UN',
        due: '2007-09-30T21:00:00Z',
      },
    ],
  },
  'delivery-failure': {
    ...common,
    failed: {
      subject: 'HLM 7 · invitation: Seventh high-level meeting',
      recipient: { name: 'Ana Qalo', email: 'ana.qalo@forum.example.org' },
      serverReply: '550 5.1.1 No such user',
      at: '2006-08-01T12:00:00Z',
    },
  },
};

export function sample<K extends MessageKind>(kind: K): MessageInput {
  return { kind, data: SAMPLES[kind] } as MessageInput;
}

/** A request for one or more recipients; calendar kinds get sequence 0 unless told. */
export function request(kind: MessageKind, overrides: Partial<SendMessageInput> = {}): SendMessageInput {
  const calendar = kind === 'invitation' || kind === 'reschedule-notice' || kind === 'cancellation';
  return {
    idempotencyKey: `hlm-7:${kind}:v1`,
    message: sample(kind),
    recipients: [chair],
    meetingZone: MEETING_ZONE,
    ...(calendar ? { ics: { sequence: 0 } } : {}),
    ...overrides,
  };
}
