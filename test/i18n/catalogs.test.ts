/** The catalogs: dates for the locale, digits for the recipient, ICU plurals, and the completeness check. */
import { formatForRecipient } from '../../calendar/format';
import { CATALOGS, translator, type CatalogFile } from '../../i18n/catalog';
import { checkCatalogs } from '../../i18n/check';
import { formatTime } from '../../i18n/dates';
import { Message, renderMessage } from '../../notifications';
import { sample } from '../notifications/fixtures';

const MEETING = '2027-10-14T14:00:00Z';

test('a time reads in French as the Secretariat writes it', () => {
  expect(formatTime(translator('fr'), MEETING, 'America/New_York')).toBe(
    'jeudi 14 octobre 2027 à 10:00, heure de New York',
  );
  expect(formatTime(translator('fr'), MEETING, 'Africa/Addis_Ababa', 'America/New_York')).toBe(
    'jeudi 14 octobre 2027 à 17:00, heure de Addis-Abeba — jeudi 14 octobre à 10:00, heure de New York',
  );
});

test('English keeps the words it always had', () => {
  for (const [zone, meetingZone] of [
    ['Pacific/Fiji', 'America/New_York'],
    ['America/New_York', 'America/New_York'],
    ['UTC', 'Europe/Brussels'],
    ['Asia/Kathmandu', 'Etc/GMT-12'],
  ] as const) {
    expect(formatTime(translator('en'), MEETING, zone, meetingZone)).toBe(
      formatForRecipient(MEETING, zone, meetingZone),
    );
  }
  expect(formatTime(translator('en'), MEETING, 'Pacific/Fiji', 'America/New_York')).toBe(
    'Friday 15 October 2027, 02:00 Suva time (UTC+12) — Thursday 14 October, 10:00 in New York (EDT)',
  );
});

test('Arabic is written with its own digits, or with Latin digits where the recipient asks', () => {
  const arabic = formatTime(translator('ar'), MEETING, 'Africa/Cairo');
  expect(arabic).toContain('١٤');
  expect(arabic).toContain('بتوقيت القاهرة');
  expect(arabic).not.toMatch(/\d/);
  const latin = formatTime(translator('ar-u-nu-latn'), MEETING, 'Africa/Cairo');
  expect(latin).toContain('14');
  expect(latin).not.toContain('١٤');
});

test('a number said as it is reads in Arabic digits, or in Latin digits where the recipient asks', () => {
  const values = { queue: 'convene', seconds: 12 };
  const arabic = translator('ar').t('cli.error.noWorker', values);
  expect(arabic).toContain('خلال ١٢ ث');
  expect(arabic).not.toMatch(/\d/);
  const latin = translator('ar-u-nu-latn').t('cli.error.noWorker', values);
  expect(latin).toContain('خلال 12 ث');
  expect(latin).not.toMatch(/[٠-٩]/);
  // A year is not grouped, in any language; a text value is left as it is.
  expect(
    translator('ar').t('cli.error.noDocument', {
      edition: 2006,
      kind: 'agenda',
      hasVersion: 'no',
      version: 0,
    }),
  ).toContain('٢٠٠٦');
  expect(
    translator('en').t('cli.error.noDocument', {
      edition: 2006,
      kind: 'agenda',
      hasVersion: 'no',
      version: 0,
    }),
  ).toBe('Cycle 2006 has no agenda in the store (yet). See `convene cycle status 2006` for its documents.');
  expect(
    unisolated(translator('ar').t('cli.error.groupEnded', { group: 'peacekeeping', edition: '7' })),
  ).toContain('convene cycle status 7`');
});

test('plurals and selects still choose by their values when plain numbers take the locale digits', () => {
  const ar = translator('ar');
  expect(ar.t('cli.error.importRefused', { count: 3, lines: 'x' })).toMatch(/^رُفضت ٣ مقررات:/);
  expect(ar.t('cli.error.importRefused', { count: 11, lines: 'x' })).toMatch(/^رُفض ١١ مقررًا:/);
  // A plain number inside a select's chosen branch.
  const version = { edition: '7', kind: 'agenda', hasVersion: 'yes', version: 12 };
  expect(ar.t('cli.error.noDocument', version)).toContain('بالإصدار ١٢');
  expect(translator('en').t('cli.error.noDocument', version)).toContain('agenda version 12 in the store');
  expect(translator('fr').t('cli.start.rehearsal', { seconds: 1.5 })).toBe(
    '(RÉPÉTITION, une journée = 1,5 s)',
  );
  expect(translator('en').t('cli.start.rehearsal', { seconds: 1.5 })).toBe('(REHEARSAL, one day = 1.5 s)');
  // A place in a file is text, in Latin digits in every language.
  expect(unisolated(ar.t('refusal.cycle.refTwice', { index: '2', ref: '94b' }))).toContain('decisions.2.ref');
});

/** Without the invisible marks that keep a Latin value's order inside Arabic. */
function unisolated(text: string): string {
  return text.replace(/[\u2068\u2069]/g, '');
}

test('plural rules follow the language: one, few and many reminders in Russian', () => {
  const ru = translator('ru');
  expect([1, 3, 5, 21].map((count) => ru.t('value.remindersSent', { count }))).toEqual([
    '1 напоминание',
    '3 напоминания',
    '5 напоминаний',
    '21 напоминание',
  ]);
  expect(translator('fr').t('value.remindersSent', { count: 0 })).toBe('aucun');
});

test('what people wrote stays as they wrote it, in any language of the mail', () => {
  const message = Message.parse(sample('revision-requested'));
  for (const language of ['fr', 'ar', 'zh']) {
    const { text } = renderMessage(message, {
      recipient: {
        name: 'Ana Qalo',
        email: 'ana.qalo@forum.example.org',
        timeZone: 'Pacific/Fiji',
        language,
      },
      meetingZone: 'America/New_York',
      rehearsal: false,
    });
    expect(text).toContain('Please shorten section 2.');
  }
});

test('an Arabic mail isolates Latin names and marks its direction and language', () => {
  const { html } = renderMessage(Message.parse(sample('call-for-inputs')), {
    recipient: {
      name: 'Amr Said',
      email: 'focal.point@las.example.org',
      timeZone: 'Africa/Cairo',
      language: 'ar',
    },
    meetingZone: 'America/New_York',
    rehearsal: false,
  });
  expect(html).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
  expect(html).toContain('<bdi>Peacekeeping</bdi>');
  expect(html).toContain('<p dir="auto"');
});

const without = (file: CatalogFile, key: string): CatalogFile => {
  const copy = { ...file };
  delete copy[key];
  return copy;
};

test('the check fails when English or French lacks a key, and only warns for the drafts', () => {
  expect(checkCatalogs(CATALOGS, []).filter((r) => r.fails)).toEqual([]);
  const reports = checkCatalogs(
    { ...CATALOGS, fr: without(CATALOGS.fr, 'label.venue'), zh: without(CATALOGS.zh, 'label.venue') },
    ['status.adopted', 'city.Atlantis/Nowhere'],
  );
  const of = (language: string) => reports.find((r) => r.language === language)!;
  expect(of('fr')).toMatchObject({ fails: true, missing: ['label.venue', 'city.Atlantis/Nowhere'] });
  expect(of('zh')).toMatchObject({ fails: false, missing: ['label.venue', 'city.Atlantis/Nowhere'] });
  expect(of('en')).toMatchObject({ fails: true, missing: ['city.Atlantis/Nowhere'] });
});

test('the check names a translation that does not parse or uses a placeholder convene does not fill', () => {
  const broken = { ...CATALOGS.es, 'label.venue': 'Lugar {', 'inputs.reminder.body': 'Grupo {grupo}' };
  const es = checkCatalogs({ ...CATALOGS, es: broken }, []).find((r) => r.language === 'es')!;
  expect(es.broken).toEqual([
    expect.stringMatching(/^label\.venue: does not parse as ICU MessageFormat/),
    'inputs.reminder.body: has {grupo}, which convene does not fill in',
  ]);
  expect(es.notes).toContain('inputs.reminder.body: leaves out {group}, which English shows');
});

test('the drafts say they await the translators, English and French that they are complete', () => {
  expect(Object.fromEntries(Object.entries(CATALOGS).map(([l, c]) => [l, c.$meta.status]))).toEqual({
    en: 'complete',
    fr: 'complete',
    es: 'awaiting-translation',
    ru: 'awaiting-translation',
    ar: 'awaiting-translation',
    zh: 'awaiting-translation',
  });
});

test('why a decision reaches the committee is written in the reader’s language, from the ladder’s data', () => {
  const escalation = sample('decision-escalation');
  const data = {
    ...escalation.data,
    reason: 'the English record',
    why: {
      kind: 'overdue' as const,
      due: '2007-09-30',
      lead: 'AU',
      told: [{ audience: 'lead', on: '2007-10-01' }],
      step: 2,
      steps: 3,
    },
  };
  const render = (language: string) =>
    renderMessage(Message.parse({ kind: 'decision-escalation', data }), {
      recipient: {
        name: 'Claire Dubois',
        email: 'committee@eu.example.org',
        timeZone: 'Europe/Brussels',
        language,
      },
      meetingZone: 'America/New_York',
      rehearsal: false,
    }).text.replace(/\s*\n>?\s*/g, ' ');
  expect(render('en')).toContain(
    'Decision 94b was due on 2007-09-30 and AU, its lead, has not reported it implemented (lead told on 2007-10-01). This is step 2 of 3 of the escalation ladder.',
  );
  expect(render('fr')).toContain(
    'La décision 94b était attendue pour le 2007-09-30 et AU, qui la pilote, n’a pas signalé sa mise en œuvre (le pilote : relance du 2007-10-01). C’est l’étape 2 sur 3 de la procédure de relance.',
  );
});
