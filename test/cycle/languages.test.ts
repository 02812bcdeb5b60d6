/**
 * Every person reads the cycle's mail in their own language: the OIF's focal points in French (the
 * OIF's working language), the League of Arab States' in Arabic, a chair who chose Spanish in
 * Spanish, with dates written for the language and the same Message-ID scheme for every copy.
 */
import { workflowIds } from '../../domain/ids';
import { deliveryKey, messageIdFor } from '../../notifications/message-id';
import { cancelUpdate } from '../../workflows/definitions/preparation-cycle';
import { groupStatusQuery } from '../../workflows/definitions/working-group-input';
import { compressedCycle, groupOf, ORGANIZER, startCycle } from '../helpers/cycle';
import { eventually } from '../helpers/eventually';
import { mailTo, readOutbox, type ReceivedMail } from '../helpers/outbox';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const CHAIR = 'kwame.asante@au.example.org';
const OIF = 'focal.point@oif.example.org';
const LAS = 'focal.point@las.example.org';
const EU = 'focal.point@eu.example.org';
const EDITION = 301;

const FRENCH_DAY = '(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)';
const FRENCH_MONTH = '(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)';

let mail: ReceivedMail[];
let groupId: string;
/** Ledger keys are per run (the group's first run id, then its key). */
let groupRunId: string;

beforeAll(async () => {
  const input = compressedCycle(t.settings, EDITION, undefined, {
    participants: ['au', 'oif', 'las', 'eu'],
    workingGroups: [
      {
        id: 'peacekeeping',
        title: 'Peacekeeping',
        area: 'peacekeeping',
        chair: { name: 'Kwame Asante', email: CHAIR, organization: 'au', language: 'es' },
        members: ['oif', 'las', 'eu'],
      },
    ],
  });
  groupId = workflowIds.workingGroup(input.editionKey, 'peacekeeping');
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const cycle = await startCycle(t, input);
    const group = groupOf(t.client, input, 'peacekeeping');
    await eventually(async () => (await group.query(groupStatusQuery)).remindersSent >= 1, {
      timeout: 60_000,
      what: 'the first reminder to the chair',
    });
    groupRunId = (await group.describe()).runId;
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    await cycle.result();
  });
  mail = await readOutbox(t.settings.mail.outboxDir);
}, 120_000);

test('an OIF focal point gets the call for inputs in French, with French dates', () => {
  const call = mailTo(mail, OIF).find((m) => m.subject.includes('appel à contributions'));
  expect(call?.subject).toBe(`RHN ${EDITION} · Peacekeeping : appel à contributions`);
  const text = call!.text.replace(/\s+/g, ' ');
  expect(text).toContain('invitent le groupe de travail Peacekeeping à remettre sa contribution');
  // In Paris, then in the meeting's New York: "jeudi 14 octobre 2027 à 10:00, heure de Paris — …"
  expect(text).toMatch(
    new RegExp(
      `Contribution attendue le : ${FRENCH_DAY} \\d{1,2} ${FRENCH_MONTH} \\d{4} à \\d\\d:\\d\\d, heure de Paris — ${FRENCH_DAY} \\d{1,2} ${FRENCH_MONTH} à \\d\\d:\\d\\d, heure de New York`,
    ),
  );
  expect(text).toContain('Vous recevez ce message parce que');
  expect(call!.html).toMatch(/<html lang="fr" dir="ltr">/);
});

test('a chair who chose Spanish gets a Spanish reminder', () => {
  const reminder = mailTo(mail, CHAIR).find((m) => /recordatorio/.test(m.subject));
  expect(reminder?.subject).toBe(`RAN ${EDITION} · Peacekeeping: recordatorio, la contribución vence pronto`);
  const text = reminder!.text.replace(/\s+/g, ' ');
  expect(text).toContain('la contribución del grupo de trabajo Peacekeeping vence pronto');
  // Addis Ababa is the AU's zone: the chair's own, in Spanish, then New York's.
  expect(text).toMatch(
    /Plazo de la contribución: \S+, \d{1,2} de \S+ de \d{4}, \d\d:\d\d, hora de Adís Abeba — .+hora de Nueva York/,
  );
  expect(reminder!.html).toMatch(/<html lang="es" dir="ltr">/);
});

test('one call for inputs to a group in three languages is three mails, with one Message-ID scheme', () => {
  const copies = [OIF, LAS, EU].map((email) => {
    const copy = mailTo(mail, email).find((m) => /contributions|المساهمات|call for inputs/.test(m.subject));
    expect(copy).toBeDefined();
    return { email, copy: copy! };
  });
  expect(copies.map((c) => c.copy.subject)).toEqual([
    `RHN ${EDITION} · Peacekeeping : appel à contributions`,
    // Arabic digits; the Latin group name isolated (U+2068 … U+2069) so it keeps its place.
    'الاجتماع الرفيع المستوى ٣٠١ · \u2068Peacekeeping\u2069: دعوة إلى تقديم المساهمات',
    `HLM ${EDITION} · Peacekeeping: call for inputs`,
  ]);
  expect(copies.map((c) => /<html lang="(\w+)" dir="(\w+)">/.exec(c.copy.html)?.slice(1))).toEqual([
    ['fr', 'ltr'],
    ['ar', 'rtl'],
    ['en', 'ltr'],
  ]);
  // The same event, the same key: each copy's Message-ID is the key plus its recipient's address.
  for (const { email, copy } of copies) {
    expect(copy.messageId).toBe(
      messageIdFor(deliveryKey(`${groupRunId}/${groupId}:call-for-inputs`, email), t.settings.mail.from),
    );
  }
  expect(new Set(copies.map((c) => c.copy.messageId)).size).toBe(3);
});
