/** What every message says, in both its HTML and its plain-text form. */
import { checkCoincidence } from '../../calendar/coincidence';
import { Message, renderMessage, SendMessageInput, type MessageKind } from '../../notifications';
import { calendarInvite } from '../../notifications/ics';
import { isCalendarMessage } from '../../domain/messages';
import { chair, contact, MEETING_ZONE, organizer, request, sample, SAMPLES } from './fixtures';

const KINDS = Object.keys(SAMPLES) as MessageKind[];
const GROUP_KINDS: MessageKind[] = [
  'call-for-inputs',
  'input-reminder',
  'input-overdue',
  'input-escalation',
  'revision-requested',
  'input-accepted',
  'extension-granted',
  'extension-denied',
  'input-received',
  'extension-requested',
];
const DECISION_KINDS: MessageKind[] = [
  'decision-progress-request',
  'decision-due-soon',
  'decision-overdue',
  'decision-escalation',
];

// A Council session's messages carry the session; the cycle's council-move-proposal does not.
const COUNCIL_KINDS = KINDS.filter((k) => 'session' in sample(k).data);

function render(message = sample('input-reminder'), rehearsal = false) {
  return renderMessage(Message.parse(message), { recipient: chair, meetingZone: MEETING_ZONE, rehearsal });
}

test('the engine has a template for each of its thirty-four kinds of message', () => {
  expect(KINDS).toHaveLength(34);
});

test.each(KINDS)(
  'a %s names its meeting in the subject and shows its times in the reader’s zone and the meeting’s',
  (kind) => {
    const { subject, text, html } = render(sample(kind));

    const council = COUNCIL_KINDS.includes(kind);
    expect(subject).toMatch(council ? /^SC 2006 · / : /^HLM 7 · /);
    if (GROUP_KINDS.includes(kind)) expect(subject).toContain('Peacekeeping');
    if (DECISION_KINDS.includes(kind)) expect(subject).toContain('decision 94b');
    // Plain text wraps long lines; read it as one flow of words.
    for (const body of [text.replace(/\s+/g, ' '), html]) {
      expect(body).toContain(
        council
          ? 'convene — Fourth Security Council meeting with regional organizations'
          : 'convene — Seventh high-level meeting of the United Nations and regional organizations',
      );
      expect(body).toMatch(/Suva time \(UTC\+12\) — \w+ \d+ \w+, \d\d:\d\d in New York \(ED?S?T\)/);
      expect(body).toContain('You receive this message because');
      expect(body).toContain(contact.email);
    }
  },
);

test('the plain text and the HTML say the same things', () => {
  const { text, html } = render(sample('revision-requested'));
  for (const words of [
    'Rui Costa has reviewed the input',
    'Please shorten section 2.',
    'Revised input due',
  ]) {
    expect(text).toContain(words);
    expect(html).toContain(words);
  }
  expect(text).not.toMatch(/<\/?(p|a|div|table|br)\b/);
});

test('a rehearsal says so in the subject and in a banner at the top', () => {
  const { subject, text, html } = render(sample('call-for-inputs'), true);
  expect(subject).toBe('[REHEARSAL] HLM 7 · Peacekeeping: call for inputs');
  expect(text.indexOf('REHEARSAL: this message comes from a practice run')).toBeLessThan(
    text.indexOf('The organizers'),
  );
  expect(html).toContain('REHEARSAL: this message comes from a practice run');
});

test('HTML typed by a user is shown as text, never run', () => {
  const message = sample('revision-requested');
  const { html, text } = render({
    ...message,
    data: {
      ...message.data,
      reviewer: '<img src=x onerror=alert(1)>',
      comments: '<script>alert("x")</script>\n\nSecond & last',
    },
  } as typeof message);

  expect(html).not.toMatch(/<script|<img/);
  expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(html).toContain('Second &amp; last');
  expect(text).toContain('> <script>alert("x")</script>');
});

test('a link must be a web address: a javascript: link is refused', () => {
  const message = sample('input-reminder');
  const bad = { ...message, data: { ...message.data, submitUrl: 'javascript:alert(1)' } };
  expect(Message.safeParse(bad).error?.issues[0]).toMatchObject({
    path: ['data', 'submitUrl'],
    message: 'must be an http(s) URL',
  });
});

test('names lose their line breaks before they reach a subject', () => {
  const message = sample('input-accepted');
  const { subject } = render({
    ...message,
    data: { ...message.data, group: 'Peace\r\nBcc: x@evil.example.org' },
  } as typeof message);
  expect(subject).toBe('HLM 7 · Peace Bcc: x@evil.example.org: input accepted');
  expect(subject).not.toMatch(/[\r\n]/);
});

test('an invitation, reschedule or cancellation must carry its calendar sequence, and no other message may', () => {
  const missing = SendMessageInput.safeParse({ ...request('invitation'), ics: undefined });
  expect(missing.error?.issues[0]).toMatchObject({
    path: ['ics'],
    message: 'a message of kind invitation needs ics.sequence, so calendars update',
  });
  const extra = SendMessageInput.safeParse({ ...request('input-reminder'), ics: { sequence: 1 } });
  expect(extra.error?.issues[0]).toMatchObject({ path: ['ics'] });
});

test('long paragraphs are wrapped for plain-text readers', () => {
  const { text } = render(sample('call-for-inputs'));
  const prose = text.split('\n').filter((line) => !line.includes(':') && !line.startsWith('convene'));
  expect(Math.max(...prose.map((line) => line.length))).toBeLessThanOrEqual(72);
});

test('a long, multi-line server reply still makes a delivery-failure notice', () => {
  const data = SAMPLES['delivery-failure'];
  const reply = `550-5.1.1 The email account that you tried to reach does not exist.\r\n${'550-5.1.1 More text. '.repeat(80)}`;
  const { text } = render({
    kind: 'delivery-failure',
    data: { ...data, failed: { ...data.failed, serverReply: reply } },
  });
  expect(text).toContain(
    'Server reply: 550-5.1.1 The email account that you tried to reach does not exist. 550-5.1.1',
  );
});

test('an input receipt names the version, what was received as written, its files, and when', () => {
  const { subject, text, html } = render(sample('input-received'));
  expect(subject).toBe('HLM 7 · Peacekeeping: input received (version 2)');
  const flat = text.replace(/\s+/g, ' ');
  for (const body of [flat, html]) {
    expect(body).toContain('version 2 of the input of the Peacekeeping working group');
    expect(body).toContain('The group proposes two items on regional standby arrangements.');
    expect(body).toContain('Regional standby arrangements');
    expect(body).toContain('Standby arrangements paper (file: standby.pdf)');
    expect(body).toContain('Earlier study');
    // Received at 09:30 UTC: 21:30 in Suva, 05:30 in New York.
    expect(body).toMatch(/Received on:?\s*(<\/th><td[^>]*>)?Wednesday 28 June 2006, 21:30 Suva time/);
    expect(body).toContain('05:30 in New York');
    expect(body).toContain('https://convene.example.org/groups/hlm-7-wg-peacekeeping');
  }
  expect(flat).not.toContain('after the deadline');
  const late = sample('input-received');
  const lateText = render({ ...late, data: { ...late.data, late: true } } as typeof late).text;
  expect(lateText.replace(/\s+/g, ' ')).toContain('It arrived after the deadline');
});

test('an extension request tells the organizer who asks, until when, why, and the commands that decide', () => {
  const { subject, text } = renderMessage(Message.parse(sample('extension-requested')), {
    recipient: { ...organizer, timeZone: 'Europe/Zurich', role: 'organizer', group: 'Peacekeeping' },
    meetingZone: MEETING_ZONE,
    rehearsal: false,
  });
  expect(subject).toBe('HLM 7 · Peacekeeping: extension requested');
  const flat = text.replace(/\s+/g, ' ');
  expect(flat).toContain('Ana Qalo asks, for the Peacekeeping working group, for more time');
  expect(flat).toContain('Requested by: Ana Qalo <ana.qalo@forum.example.org>');
  expect(flat).toMatch(
    /New deadline asked for: Friday 7 July 2006, 23:00 Zurich time .{0,20} — .{0,20}17:00 in New York/,
  );
  expect(flat).toContain('Two member organizations are still consulting their capitals.');
  expect(flat).toContain('convene input decide 7 peacekeeping --grant --as rui.costa@un.example.org');
  expect(flat).toContain(
    'convene input decide 7 peacekeeping --deny --reason "…" --as rui.costa@un.example.org',
  );
  expect(flat).toContain(
    'You receive this message because you organize HLM 7 and decide on the extensions the Peacekeeping working group asks for.',
  );
});

test('the final agenda lists the approved items, the meeting, and links to the cycle', () => {
  const { subject, text, html } = render(sample('final-agenda'));
  expect(subject).toBe('HLM 7 · final agenda');
  for (const body of [text.replace(/\s+/g, ' '), html]) {
    expect(body).toContain('approved the agenda of the Seventh high-level meeting');
    expect(body).toContain('Cooperation in peacekeeping (Peacekeeping)');
    expect(body).toContain('Mediation');
    expect(body).toContain('https://convene.example.org/cycles/hlm-7');
  }
});

test('a Council meeting’s delivery failure is named by the Council’s year, not as a high-level meeting', () => {
  const data = SAMPLES['delivery-failure'];
  const council = {
    ...data,
    edition: { number: 2005, title: 'Security Council meeting', series: 'council' as const },
  };
  const toCouncil = render({ kind: 'delivery-failure', data: council });
  expect(toCouncil.subject).toMatch(/^SC 2005 · mail not delivered to /);
  expect(toCouncil.text.replace(/\s+/g, ' ')).toContain(
    "because you organize the Security Council's 2005 meeting with regional and subregional organizations",
  );
  expect(render({ kind: 'delivery-failure', data }).subject).toMatch(/^HLM 7 · mail not delivered to /);
});

test('the digest shows the review meeting and who bears unsocial hours; its invitation carries a calendar entry of its own', () => {
  const digest = render(sample('committee-digest')).text.replace(/\s+/g, ' ');
  // 13:00 UTC: 01:00 the next day in Suva (the reader's zone), 09:00 in New York.
  expect(digest).toMatch(
    /Review meeting: Wednesday 11 April 2007, 01:00 Suva time .*Tuesday 10 April, 09:00 in New York/,
  );
  expect(digest).toContain('Outside their working hours (the burden rotates from one review to the next)');
  expect(digest).toContain('Ana Qalo (PIF)');
  const invitation = Message.parse(sample('committee-review-invitation'));
  const mail = render(invitation);
  expect(mail.subject).toBe('HLM 7 · standing committee review meeting');
  expect(mail.text.replace(/\s+/g, ' ')).toContain('Venue: Video conference (the organizers send the link)');
  if (!isCalendarMessage(invitation)) throw new Error('the review invitation must carry a calendar entry');
  const ics = calendarInvite(invitation, {
    recipient: chair,
    sequence: 0,
    rehearsal: false,
    now: new Date(),
  });
  const unfolded = ics.content.replace(/\r\n[ \t]/g, '');
  expect(unfolded).toContain('UID:standing-committee-review-2@convene');
  expect(unfolded).toContain('SUMMARY:Review meeting of the standing committee');
  expect(unfolded).toContain('DTSTART:20070410T130000Z');
});

test('a moved review meeting says where it was, in French too; a cancelled one removes the same entry', () => {
  const moved = Message.parse({
    ...sample('committee-review-invitation'),
    data: {
      ...sample('committee-review-invitation').data,
      previous: { start: '2007-04-09T13:00:00Z', end: '2007-04-09T14:30:00Z' },
    },
  });
  const mail = render(moved);
  expect(mail.subject).toBe('HLM 7 · standing committee review meeting moved');
  expect(mail.text.replace(/\s+/g, ' ')).toMatch(/Previously: Tuesday 10 April 2007, 01:00 Suva time/);
  const french = renderMessage(moved, {
    recipient: { ...chair, language: 'fr' },
    meetingZone: MEETING_ZONE,
    rehearsal: false,
  });
  expect(french.subject).toBe('RHN 7 · réunion d’examen du comité permanent déplacée');
  expect(french.text).toContain('Précédemment');

  const cancelled = Message.parse(sample('committee-review-cancelled'));
  expect(render(cancelled).subject).toBe('HLM 7 · standing committee review meeting cancelled');
  if (!isCalendarMessage(cancelled)) throw new Error('the cancellation must carry a calendar entry');
  const ics = calendarInvite(cancelled, { recipient: chair, sequence: 2, rehearsal: false, now: new Date() });
  const unfolded = ics.content.replace(/\r\n[ \t]/g, '');
  expect(ics.method).toBe('CANCEL');
  expect(unfolded).toContain('UID:standing-committee-review-2@convene');
  expect(unfolded).toContain('STATUS:CANCELLED');
  expect(unfolded).toContain('SEQUENCE:2');
  expect(unfolded).toContain('SUMMARY:Review meeting of the standing committee');
});

test('a briefer’s invitation and reminder link to the page where they confirm or decline, when the portal serves one', () => {
  const link = 'https://convene.example.org/council/council-session-2006/briefing';
  for (const kind of ['council-invitation', 'council-reminder'] as const) {
    const { data } = sample(kind);
    const linked = render({ ...sample(kind), data: { ...data, detailsUrl: link } } as ReturnType<
      typeof sample
    >);
    expect(linked.html).toContain(`href="${link}"`);
    expect(linked.text).toContain(link);
    expect(linked.text.replace(/\s+/g, ' ')).toContain('on your invitation’s page');
    const unlinked = render(sample(kind));
    expect(unlinked.text).not.toContain('/briefing');
    expect(unlinked.text.replace(/\s+/g, ' ')).toContain(
      'the Council affairs organizers named below record your answer',
    );
  }
});

test("why two meetings no longer coincide reads in the recipient's language when the calendar said it as a catalog sentence, and as recorded when not", () => {
  const lost = checkCoincidence({
    highLevelMeeting: { start: '2006-09-22T10:00' },
    securityCouncil: { start: '2006-10-04T15:00' },
  });
  const message = Message.parse({
    kind: 'coincidence-lost',
    data: { ...sample('coincidence-lost').data, explanation: lost.explanation, explanationSaid: lost.said },
  });
  const french = renderMessage(message, {
    recipient: { ...organizer, language: 'fr' },
    meetingZone: MEETING_ZONE,
    rehearsal: false,
  });
  // The quote's lines start with "> " in plain text: read them as one paragraph.
  const unquoted = (text: string) => text.replace(/\n> ?/g, ' ').replace(/\s+/g, ' ');
  expect(unquoted(french.text)).toContain(
    'ne coïncident pas : elles tombent des semaines ISO différentes à New York (2006-W38 et 2006-W40)',
  );
  // A history from before the catalog sentence carries the English only: it is shown as it is.
  const older = Message.parse({
    kind: 'coincidence-lost',
    data: { ...message.data, explanationSaid: undefined },
  });
  const asRecorded = renderMessage(older, {
    recipient: { ...organizer, language: 'fr' },
    meetingZone: MEETING_ZONE,
    rehearsal: false,
  });
  expect(unquoted(asRecorded.text)).toContain('they fall in different ISO weeks in New York');
});
