/**
 * A briefer's answer, as the session's rules take it (no Temporal involved): changed at will while
 * the invitations are out, fixed for the briefer once the list of speakers is frozen (the
 * organizers still record a change), and the rule before that, by which older histories replay.
 */
import { councilSessionInput, loadCouncilAffairs } from '../../config/council-session';
import { loadDirectory } from '../../config/directory';
import { loadSettings } from '../../config/settings';
import { CouncilSession } from '../../domain/council-session';
import { refusalOfRule } from '../helpers/rejections';

const ORGANIZER = 'amina.rahman@un.example.org';
const AU = 'briefer@au.example.org';
const NOW = '2080-10-01T12:00:00Z';

function invitedSession(): CouncilSession {
  const directory = loadDirectory(loadSettings().directoryFile);
  const input = councilSessionInput(
    {
      year: 2080,
      title: 'Test meeting of the Security Council with regional and subregional organizations',
      meeting: {
        start: '2080-10-17T10:00',
        end: '2080-10-17T13:00',
        timeZone: 'America/New_York',
        venue: 'Security Council Chamber, New York',
      },
      presidency: {
        member: 'Romania',
        month: '2080-10',
        actingFor: { name: 'Office of the Council presidency', email: 'presidency@council.example.org' },
      },
      councilMembers: ['Romania'],
      partners: [{ organization: 'au', briefer: { name: 'Chairperson', email: AU, role: 'head' } }],
      replyBy: '2080-10-10T18:00',
      decisionEdition: '80',
      illustrative: [],
    },
    'the answers test',
    { directory, affairs: loadCouncilAffairs(directory), now: new Date(NOW) },
  );
  const session = new CouncilSession(input, 'council-session-2080');
  session.state.phase = 'invitations';
  return session;
}

const answer = (as: string, a: 'confirm' | 'decline') => ({ as, organization: 'au', answer: a });

function give(session: CouncilSession, as: string, a: 'confirm' | 'decline') {
  return session.answer(session.validateAnswer(answer(as, a)), NOW);
}

test('a briefer who declined may confirm until the list of speakers is frozen', () => {
  const session = invitedSession();
  expect(give(session, AU, 'decline').answer).toBe('declined');
  expect(give(session, AU, 'confirm').answer).toBe('confirmed');
  expect(give(session, AU, 'decline').answer).toBe('declined');
});

test('once the list is frozen the briefer’s answer stands for them; the same answer again is no change, and an organizer still records one', () => {
  const session = invitedSession();
  give(session, AU, 'confirm');
  session.freeze(ORGANIZER, NOW);
  const refused = refusalOfRule(() => session.validateAnswer(answer(AU, 'decline')));
  expect(refused.code).toBe('wrong-phase');
  expect(refused.message).toMatch(
    /^answer: the list of speakers was frozen .* by amina\.rahman@un\.example\.org; AU's answer can no longer be changed here/,
  );
  expect(refusalOfRule(() => session.validateAnswer(answer(AU, 'decline')), 'fr').message).toMatch(
    /^answer : la liste des orateurs a été arrêtée le/,
  );
  expect(give(session, AU, 'confirm').answer).toBe('confirmed');
  expect(give(session, ORGANIZER, 'decline')).toEqual(
    expect.objectContaining({ answer: 'declined', by: ORGANIZER }),
  );
});

test('sessions recorded before the rule replay by the old one: a change after the freeze is taken', () => {
  const session = invitedSession();
  give(session, AU, 'confirm');
  session.freeze(ORGANIZER, NOW);
  expect(session.validateAnswer(answer(AU, 'decline'), { frozenAnswers: false }).answer).toBe('decline');
});
