/**
 * Every word the portal shows, through one seam: `label(language, key, values)`, read from the
 * message catalogs (locales/*.json, keys `portal.*`) like mail, documents and the CLI. A key a
 * catalog lacks reads in English (i18n/catalog.ts). Keys here are the part after `portal.`.
 */
import { CATALOGS, translator, type MessageKey, type Translator, type Values } from '../i18n/catalog';
import { LANGUAGES, canonicalLanguage, type BaseLanguage } from '../domain/language';

export type LabelKey = MessageKey extends infer K ? (K extends `portal.${infer Rest}` ? Rest : never) : never;
/** A BCP 47 tag whose language the catalogs carry ("fr", "ar-u-nu-latn"). */
export type Language = string;

export function label(language: Language, key: LabelKey, values: Values = {}): string {
  return translator(language).t(`portal.${key}` as MessageKey, values);
}

export function translatorFor(language: Language): Translator {
  return translator(language);
}

/** A tag a person chose (cookie, form) if the catalogs carry its language; else undefined. */
export function knownLanguage(tag: unknown): Language | undefined {
  return typeof tag === 'string' && tag.length <= 40 ? canonicalLanguage(tag) : undefined;
}

/** The switch offers each language under its own name (the catalog's `$meta.name`). */
export function languageChoices(): { tag: BaseLanguage; name: string }[] {
  return LANGUAGES.map((tag) => ({ tag, name: CATALOGS[tag].$meta.name }));
}
