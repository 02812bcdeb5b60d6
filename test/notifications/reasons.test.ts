/** Each person reads why they receive a message: the role they were sent it in, in their language. */
import { Message, renderMessage, type MessageKind } from '../../notifications';
import type { RecipientRole } from '../../domain/message-fields';
import { chair, MEETING_ZONE, sample } from './fixtures';

function footer(kind: MessageKind, role?: RecipientRole, group?: string, language = 'en'): string {
  const recipient = { ...chair, language, ...(role ? { role } : {}), ...(group ? { group } : {}) };
  const { text } = renderMessage(Message.parse(sample(kind)), {
    recipient,
    meetingZone: MEETING_ZONE,
    rehearsal: false,
  });
  const flat = text.replace(/\s+/g, ' ');
  return (
    /(?:You receive this message because|Vous recevez ce message parce que) ([^.]*)\./.exec(flat)?.[1] ?? ''
  );
}

test.each<[RecipientRole, string]>([
  ['chair', 'you chair the Peacekeeping working group preparing HLM 7'],
  [
    'delegate',
    'you are a delegate of the Peacekeeping working group preparing HLM 7, and may submit its input',
  ],
  ['member', "you are your organization's focal point in the Peacekeeping working group preparing HLM 7"],
])('a call for inputs tells a %s their own reason', (role, reason) => {
  expect(footer('call-for-inputs', role)).toBe(reason);
});

test('a meeting message names the group a chair or delegate is in, and tells a focal point and an organizer theirs', () => {
  expect(footer('invitation', 'chair', 'Disarmament')).toBe(
    'you chair the Disarmament working group preparing HLM 7',
  );
  expect(footer('invitation', 'delegate', 'Disarmament')).toMatch(/^you are a delegate of the Disarmament/);
  expect(footer('invitation', 'focal-point')).toBe('your organization takes part in HLM 7');
  expect(footer('invitation', 'organizer')).toBe('you organize HLM 7');
  // Without a role the message's default: a meeting message speaks to a participant.
  expect(footer('invitation')).toBe('your organization takes part in HLM 7');
});

test('a committee member and a responsible organization each read theirs, in French too', () => {
  expect(footer('committee-digest', 'committee')).toMatch(/^you sit on the standing committee/);
  expect(footer('decision-due-soon', 'responsible')).toBe(
    'your organization leads or shares responsibility for decision 94b of HLM 7',
  );
  expect(footer('call-for-inputs', 'member', undefined, 'fr')).toBe(
    'vous êtes le point focal de votre organisation au sein du groupe de travail Peacekeeping qui prépare la RHN 7',
  );
});

test('an organizer told of a missing input reads why this message concerns them', () => {
  expect(footer('input-escalation', 'organizer')).toBe(
    'you organize HLM 7 and the Peacekeeping working group has not submitted its input',
  );
});
