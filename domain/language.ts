/**
 * The language a person reads: a BCP 47 tag whose language is one the catalogs (locales/) carry.
 * A region or a Unicode extension may follow ("fr-CA", "ar-u-nu-latn" for Latin digits in Arabic).
 * Kept here, with zod only, because workflows carry it in their input and state; the catalogs and
 * date formatting that use it live in i18n/, outside the workflow sandbox.
 */
import { z } from 'zod';
import { ruleIssue } from './issues';

/** The six official languages of the United Nations; English is the fallback of every catalog. */
export const LANGUAGES = ['en', 'fr', 'es', 'ru', 'ar', 'zh'] as const;
export type BaseLanguage = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: BaseLanguage = 'en';

const RIGHT_TO_LEFT: ReadonlySet<BaseLanguage> = new Set(['ar']);

/** "en", "fr-CA", "ar-u-nu-latn"; `undefined` when the tag is malformed or its language unknown. */
export function canonicalLanguage(tag: string): string | undefined {
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(tag.trim())[0];
  } catch {
    return undefined;
  }
  return canonical && isBaseLanguage(baseOf(canonical)) ? canonical : undefined;
}

/** The catalog a tag reads from: "ar-u-nu-latn" → "ar". */
export function baseLanguage(tag: string | undefined): BaseLanguage {
  const base = tag ? baseOf(tag) : DEFAULT_LANGUAGE;
  return isBaseLanguage(base) ? base : DEFAULT_LANGUAGE;
}

export function textDirection(tag: string | undefined): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(baseLanguage(tag)) ? 'rtl' : 'ltr';
}

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

/** A person's own choice first, then their organization's first working language, then English. */
export function languageFor(person: { language?: string }, workingLanguages: readonly string[]): string {
  return person.language ?? workingLanguages[0] ?? DEFAULT_LANGUAGE;
}

function baseOf(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

function isBaseLanguage(value: string): value is BaseLanguage {
  return (LANGUAGES as readonly string[]).includes(value);
}
