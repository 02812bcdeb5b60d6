/**
 * Language tags without zod: what the catalogs and the CLI's start need (`convene --help` need not
 * load zod). The schema that parses a tag is in language.ts, which re-exports all of this.
 */

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
