/** The cycle's documents in the cycle's document language: the boilerplate translated, people's words kept. */
import { testKeyRing } from '../helpers/keys';
import { createDocumentActivities } from '../../activities/documents';
import { DocumentStore } from '../../store/documents';
import { testStore } from '../helpers/temporal';
import type { DocumentRequest } from '../../documents/meeting-documents';
import { CARRY_FORWARD_ITEMS } from '../../domain/committee';
import { CATALOGS } from '../../i18n/catalog';

const draft = (language?: string): DocumentRequest => ({
  kind: 'draft-agenda',
  cycleId: `hlm-27-${language ?? 'default'}`,
  edition: { number: 27, title: 'Vingt-septième réunion de haut niveau' },
  language,
  meeting: {
    start: '2027-10-14T14:00:00Z',
    end: '2027-10-14T22:00:00Z',
    timeZone: 'America/New_York',
    venue: 'Siège de l’Organisation des Nations Unies, New York',
  },
  items: [
    {
      title: 'Alerte rapide en Afrique de l’Ouest',
      description: 'Pourquoi ce point compte.',
      area: 'prévention',
      durationMinutes: 45,
      proposedBy: 'Prévention des conflits',
      late: true,
      unreviewed: false,
    },
  ],
  standing: {
    decisions: [{ ref: '7/94a', text: 'Bureau de liaison', status: 'in-progress', yearsOpen: 1.5 }],
    ideas: [],
  },
  missingGroups: ['Désarmement'],
});

const store = testStore();
afterAll(() => store.close());

/** Renders into the run's store, as a worker does, and reads the version back. */
async function render(request: DocumentRequest) {
  const documents = new DocumentStore(store, testKeyRing());
  const saved = await createDocumentActivities({ documents }).renderDocument(request);
  const stored = await documents.get(saved.cycleId, saved.kind, saved.version);
  return { markdown: stored!.markdown, html: stored!.html };
}

test('a draft agenda in French has French boilerplate and dates, and the groups’ words as written', async () => {
  const { markdown, html } = await render(draft('fr'));
  expect(markdown).toContain('# Projet d’ordre du jour — Vingt-septième réunion de haut niveau');
  expect(markdown).toContain('**Ouverture :** jeudi 14 octobre 2027 à 10:00, heure de New York');
  expect(markdown).toContain('Ce projet est communiqué aux correspondants');
  expect(markdown).toContain(
    'Alerte rapide en Afrique de l’Ouest — 45 min, prévention ; proposé par Prévention des conflits (reçu en retard)',
  );
  expect(markdown).toContain('7/94a : Bureau de liaison — en cours, ouverte depuis 1,5 an');
  expect(markdown).toContain('Aucune contribution n’a été reçue de : Désarmement.');
  expect(html).toMatch(/<html lang="fr" dir="ltr">/);
});

test('a document without a language (a cycle started before languages) reads as it always did', async () => {
  const { markdown, html } = await render(draft());
  expect(markdown).toContain('# Draft agenda — Vingt-septième réunion de haut niveau');
  expect(markdown).toContain('**Opens:** Thursday 14 October 2027, 10:00 New York time (EDT)');
  expect(markdown).toContain('proposed by Prévention des conflits (received late)');
  expect(markdown).toContain('7/94a: Bureau de liaison — in-progress, open 1.5 years');
  expect(html).toMatch(/<html lang="en" dir="ltr">/);
});

test("the English names of the standing items are the ones the cycle's messages use", () => {
  expect(CATALOGS.en['doc.standing.decisions']).toBe(CARRY_FORWARD_ITEMS.decisions);
  expect(CATALOGS.en['doc.standing.ideas']).toBe(CARRY_FORWARD_ITEMS.ideas);
});
