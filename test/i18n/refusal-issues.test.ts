/**
 * A malformed Update payload is refused with one problem per field and rule, each in the reader's
 * language: zod's rules in zod's own translations, ours as the schema wrote them, and never the
 * value that was sent.
 */
import { z } from 'zod';
import { parsePayload } from '../../domain/rejection';
import { refusalOfRule } from '../helpers/rejections';

const Review = z
  .object({
    as: z.email(),
    version: z.number().int().positive(),
    comments: z.string().min(3).optional(),
    until: z.string().refine((s) => s.startsWith('2'), { message: 'must be a date in this millennium' }),
  })
  .strict();
const payload = { as: 'nobody', version: 'secret-version-text', comments: 'x', until: '1999', extra: 1 };
const refuse = (language: string) =>
  refusalOfRule(() => parsePayload(Review, payload, 'reviewInput'), language);

test('in English, as zod and the schema say it', () => {
  const { code, message } = refuse('en');
  expect(code).toBe('invalid-payload');
  expect(message).toBe(
    'reviewInput is malformed: as: Invalid email address; version: Invalid input: expected number, received string; ' +
      'comments: Too small: expected string to have >=3 characters; until: must be a date in this millennium; ' +
      'reviewInput: Unrecognized key: "extra"',
  );
});

test('in French, zod’s rules in French; a rule of ours as written', () => {
  const { message } = refuse('fr');
  expect(message).toMatch(
    /^reviewInput est mal formé : as: adresse e-mail invalide; version: Entrée invalide : nombre attendu/,
  );
  expect(message).toContain('comments: Trop petit');
  expect(message).toContain('until: must be a date in this millennium');
  expect(message).toContain('Clé non reconnue : "extra"');
});

test('every language renders it, and no language shows the value that was sent', () => {
  const seen = ['en', 'fr', 'es', 'ru', 'ar', 'zh'].map((l) => refuse(l).message);
  expect(new Set(seen).size).toBe(6);
  for (const message of seen) expect(message).not.toContain('secret-version-text');
  expect(seen[4]).toContain('reviewInput'); // Arabic keeps the Latin name, isolated
});
