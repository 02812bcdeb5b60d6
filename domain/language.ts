/**
 * The language a person reads: a BCP 47 tag whose language is one the catalogs (locales/) carry.
 * A region or a Unicode extension may follow ("fr-CA", "ar-u-nu-latn" for Latin digits in Arabic).
 * Kept here, with zod only, because workflows carry it in their input and state; the catalogs and
 * date formatting that use it live in i18n/, outside the workflow sandbox.
 */
import { z } from 'zod';
import { ruleIssue } from './issues';
import { canonicalLanguage, LANGUAGES } from './language-tags';

export * from './language-tags';

const KNOWN = LANGUAGES.join(', ');

/** A language tag as people write it in the directory, a cycle specification or a committee file. */
export const Language = z.string().transform((tag, ctx) => {
  const canonical = canonicalLanguage(tag);
  if (canonical) return canonical;
  ctx.addIssue(
    ruleIssue(
      [],
      'rule.unknownLanguage',
      { tag, languages: KNOWN },
      `unknown language "${tag}"; use one of ${KNOWN}, optionally with a region or digits (fr-CA, ar-u-nu-latn)`,
    ),
  );
  return z.NEVER;
});
export type Language = z.infer<typeof Language>;
