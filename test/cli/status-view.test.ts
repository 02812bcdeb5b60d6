/** How `cycle status` says why a milestone moved: in the reader's language, or as an older cycle recorded it. */
import { planTimeline } from '../../calendar/timeline';
import { movedReasons } from '../../cli/status-view';
import { translator } from '../../i18n/catalog';
import { unHeadquarters } from '../calendar/fixtures';

const HLM_2006 = { start: '2006-09-22T10:00', end: '2006-09-22T18:00', timeZone: 'America/New_York' };

function movedCommentPeriod() {
  const timeline = planTimeline({ meeting: HLM_2006, policy: { commentPeriodEnd: 'P33D' } }, unHeadquarters);
  const moved = timeline.milestones.find((m) => m.name === 'commentPeriodEnd')?.moved;
  if (!moved) throw new Error('the comment period should have moved off the weekend');
  return moved;
}

test('a French organizer reads why a deadline moved in French, each closed day named', () => {
  expect(movedReasons(movedCommentPeriod(), translator('fr'))).toBe(
    'le 2006-08-20 est un dimanche, jour de week-end pour UN Headquarters ; ' +
      'le 2006-08-19 est un samedi, jour de week-end pour UN Headquarters',
  );
  expect(movedReasons(movedCommentPeriod(), translator('en'))).toBe(
    '2006-08-20 is a Sunday, a weekend day for UN Headquarters; 2006-08-19 is a Saturday, a weekend day for UN Headquarters',
  );
});

test('a cycle planned before the phrases shows its reasons as recorded, in English', () => {
  const { said: _said, ...recorded } = movedCommentPeriod();
  expect(movedReasons(recorded, translator('fr'))).toBe(
    '2006-08-20 is a Sunday, a weekend day for UN Headquarters; 2006-08-19 is a Saturday, a weekend day for UN Headquarters',
  );
});
