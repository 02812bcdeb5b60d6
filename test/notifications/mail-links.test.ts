/** The personal page links the mail activity fills in, from the sending workflow's id. */
import { withPageLink } from '../../activities/mail-links';
import { Message } from '../../domain/messages';
import { sample } from './fixtures';

const PORTAL = 'https://convene.example.org';
const detailsUrl = (m: Message) => (m.data as { detailsUrl?: string }).detailsUrl;

test('a Council session’s invitation and reminders link to the briefer’s page; its other messages link nowhere', () => {
  for (const kind of ['council-invitation', 'council-reminder'] as const) {
    const linked = withPageLink(Message.parse(sample(kind)), 'council-session-r2005', PORTAL);
    expect([kind, detailsUrl(linked)]).toEqual([kind, `${PORTAL}/council/council-session-r2005/briefing`]);
    expect(Message.safeParse(linked).success).toBe(true);
  }
  const moved = withPageLink(Message.parse(sample('council-session-moved')), 'council-session-2005', PORTAL);
  expect(detailsUrl(moved)).toBeUndefined();
  // A council message from some other workflow, or without a published portal, is left alone.
  expect(
    detailsUrl(withPageLink(Message.parse(sample('council-reminder')), 'hlm-7', PORTAL)),
  ).toBeUndefined();
  expect(
    detailsUrl(withPageLink(Message.parse(sample('council-reminder')), 'council-session-2005', undefined)),
  ).toBeUndefined();
});
