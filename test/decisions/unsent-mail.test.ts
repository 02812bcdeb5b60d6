/**
 * A decision that hands over (continue-as-new) with a message it had not finished sending carries
 * that message to its next run; the schema of messages is loaded only when such a message is met
 * (domain/decision.ts), and it must check the message exactly as the message schema itself does.
 */
import { UnsentMail } from '../../domain/decision-record';
import { Message } from '../../domain/messages';

const recipients = [
  {
    name: 'Amina Rahman',
    email: 'amina.rahman@un.example.org',
    organization: 'un',
    timeZone: 'America/New_York',
  },
];

const reminder = {
  kind: 'input-reminder',
  data: {
    edition: { number: 7, title: 'Seventh high-level meeting' },
    contact: { name: 'Amina Rahman', email: 'Amina.Rahman@un.example.org' },
    group: '  Peacekeeping\ncapacities ',
    deadline: '2026-05-04T16:00:00.000Z',
  },
};

const messages: [string, unknown][] = [
  ['a reminder to a chair', reminder],
  ['a message of no known kind', { ...reminder, kind: 'input-nagging' }],
  ['a reminder without its deadline', { ...reminder, data: { ...reminder.data, deadline: undefined } }],
  [
    'a reminder with a link that is not a web link',
    { ...reminder, data: { ...reminder.data, submitUrl: 'javascript:alert(1)' } },
  ],
  ['no message at all', undefined],
];

test.each(messages)('a decision handing over %s checks it as the message schema does', (_what, message) => {
  const direct = Message.safeParse(message);
  const carried = UnsentMail.safeParse({ key: 'decision-7-94b:1', message, recipients });
  expect(carried.success).toBe(direct.success);
  if (direct.success) {
    expect(carried.data?.message).toEqual(direct.data);
  } else {
    expect(carried.error?.issues).toEqual(
      direct.error.issues.map((issue) => ({ ...issue, path: ['message', ...issue.path] })),
    );
  }
});

test('the reminder to a chair is accepted, made one line and with its address in lower case', () => {
  const carried = UnsentMail.parse({ key: 'decision-7-94b:1', message: reminder, recipients });
  expect(carried.message).toMatchObject({
    kind: 'input-reminder',
    data: { group: 'Peacekeeping capacities', contact: { email: 'amina.rahman@un.example.org' } },
  });
});
