/**
 * A malformed Update payload is refused with one problem per field and rule, each in the reader's
 * language: zod's rules in zod's own translations, ours as the schema wrote them, and never the
 * value that was sent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../../config/settings';
import { MESSAGE_KEYS, translator } from '../../i18n/catalog';
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
  const rules = MESSAGE_KEYS.filter((k) => k.startsWith('rule.'));
  expect(rules.length).toBeGreaterThan(0);
  for (const key of rules) expect([key, sources.includes(translator('en').t(key))]).toEqual([key, true]);
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
