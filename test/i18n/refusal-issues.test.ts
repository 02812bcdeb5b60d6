/**
 * A malformed Update payload is refused with one problem per field and rule, each in the reader's
 * language: zod's rules in zod's own translations, ours as the schema wrote them, and never the
 * value that was sent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../../config/settings';
import { englishSource, MESSAGE_KEYS, translator } from '../../i18n/catalog';
import { CouncilOutcome } from '../../domain/council-outcome';
import type { RuleParams } from '../../domain/issues';
import { Language } from '../../domain/language';
import { parsePayload } from '../../domain/rejection';
import { refusalOfRule } from '../helpers/rejections';

const Review = z
  .object({
    as: z.email(),
    version: z.number().int().positive(),
    comments: z.string().min(3).optional(),
    until: z.string().refine((s) => s.startsWith('2'), { message: 'must be a date in this millennium' }),
    percent: z.number().min(0, 'must be 0–100').max(100, 'must be 0–100'),
  })
  .strict();
const payload = {
  as: 'nobody',
  version: 'secret-version-text',
  comments: 'x',
  until: '1999',
  percent: 140,
  extra: 1,
};
const refuse = (language: string) =>
  refusalOfRule(() => parsePayload(Review, payload, 'reviewInput'), language);

test('in English, as zod and the schema say it', () => {
  const { code, message } = refuse('en');
  expect(code).toBe('invalid-payload');
  expect(message).toBe(
    'reviewInput is malformed: as: Invalid email address; version: Invalid input: expected number, received string; ' +
      'comments: Too small: expected string to have >=3 characters; until: must be a date in this millennium; ' +
      'percent: must be 0–100; ' +
      'reviewInput: Unrecognized key: "extra"',
  );
});

test('in French, zod’s rules in French, ours from the catalog; one the catalog lacks as written', () => {
  const { message } = refuse('fr');
  expect(message).toMatch(
    /^reviewInput est mal formé : as: adresse e-mail invalide; version: Entrée invalide : nombre attendu/,
  );
  expect(message).toContain('comments: Trop petit');
  expect(message).toContain('until: must be a date in this millennium');
  expect(message).toContain('percent: doit être compris entre 0 et 100');
  expect(message).toContain('Clé non reconnue : "extra"');
});

test('every language renders it, and no language shows the value that was sent', () => {
  const seen = ['en', 'fr', 'es', 'ru', 'ar', 'zh'].map((l) => refuse(l).message);
  expect(new Set(seen).size).toBe(6);
  for (const message of seen) expect(message).not.toContain('secret-version-text');
  expect(seen[4]).toContain('reviewInput'); // Arabic keeps the Latin name, isolated
});

test('every rule.* sentence of the catalog is a rule some schema says, word for word', () => {
  // The catalog finds our rules by their English: a schema whose wording changed would silently
  // lose its translations, so each rule must still be said somewhere in the code.
  const sources = ['domain', 'portal', 'config', 'calendar']
    .flatMap((dir) => sourceFiles(path.join(REPO_ROOT, dir)))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  // A rule that names a value is found by its key (ruleIssue), not its English; see the next test.
  const rules = MESSAGE_KEYS.filter((k) => k.startsWith('rule.') && !englishSource(k).includes('{'));
  expect(rules.length).toBeGreaterThan(0);
  for (const key of rules) expect([key, sources.includes(translator('en').t(key))]).toEqual([key, true]);
});

/** A Council outcome that breaks each of its rules that name a value. */
const badOutcome = {
  kind: 'resolution',
  symbol: 'S/RES/9091 (2090)',
  adoptedAt: '2091-10-17T17:00:00Z',
  paragraphs: [
    { number: 1, text: 'Welcomes the cooperation.' },
    {
      number: 1,
      text: 'Requests the Secretary-General to report on the cooperation.',
      request: {
        addressee: 'the Secretary-General',
        leadOrganization: 'au',
        responsibleOrganizations: ['au'],
        area: 'cooperation with regional organizations',
        title: 'Report on the cooperation',
        dueDate: '2092-09-15T22:00:00Z',
      },
    },
  ],
};

test('a rule that names a value reads in French from its key and values; its English is the schema’s, word for word', () => {
  const issues = [
    ...(CouncilOutcome.safeParse(badOutcome).error?.issues ?? []),
    ...(CouncilOutcome.safeParse({ ...badOutcome, kind: 'presidential-statement' }).error?.issues ?? []),
    ...(Language.safeParse('klingon').error?.issues ?? []),
  ];
  const withRules = issues.flatMap((i) =>
    i.code === 'custom' && i.params?.rule ? [{ message: i.message, params: i.params as RuleParams }] : [],
  );
  expect(withRules.map((i) => i.params?.rule).sort()).toEqual([
    'rule.listedTwice',
    'rule.listedTwice',
    'rule.repeatsLead',
    'rule.repeatsLead',
    'rule.symbol.presidential-statement',
    'rule.symbolYear',
    'rule.unknownLanguage',
  ]);
  // The catalog's English is what the schema writes: an older client, or a log, reads the same.
  for (const issue of withRules) {
    const { rule, values } = issue.params;
    expect(translator('en').t(rule, values)).toBe(issue.message);
  }
  const { message } = refusalOfRule(() => parsePayload(CouncilOutcome, badOutcome, 'outcome'), 'fr');
  expect(message).toBe(
    'outcome est mal formé : adoptedAt: doit tomber en 2090, l’année que désigne la cote S/RES/9091 (2090); ' +
      'paragraphs.1.number: 1 figure deux fois; ' +
      'paragraphs.1.request.responsibleOrganizations: ne doit pas reprendre l’organisation pilote au',
  );
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

test('in Arabic a select still chooses by its value, while the texts it shows are isolated', () => {
  // Text values are wrapped in bidi isolates in right-to-left languages; a select's own value must
  // not be, or it would never match its branch ("none" would be shown as a delegate).
  const ar = translator('ar');
  const values = { group: 'Peacekeeping', chair: 'kwame@au.example.org', delegates: 'none', you: 'x@y.org' };
  const said = ar.t('refusal.group.onlySubmitters', values);
  expect(said).not.toContain('none');
  expect(said).toContain('\u2068Peacekeeping\u2069');
  const withDelegates = ar.t('refusal.group.onlySubmitters', { ...values, delegates: 'd@au.example.org' });
  expect(withDelegates).toContain('(d@au.example.org)'); // a select's value is shown as it is
});
