/**
 * A schema's problems in the reader's language: zod's own sentence for a rule of zod's (zod ships
 * its locales), the catalog's for a rule of ours whose message is a catalog key, and otherwise the
 * message as the schema wrote it. Every boundary that shows a person what to fix renders here.
 */
import type { BaseLanguage } from '../domain/language';
import type { IssueDetail } from '../domain/issues';
import { isMessageKey, translator, type Translator } from '../i18n/catalog';

type LocaleError = (issue: never) => { message: string } | string | undefined | null;

const ZOD_LOCALE: Record<BaseLanguage, string> = {
  en: 'en',
  fr: 'fr',
  es: 'es',
  ru: 'ru',
  ar: 'ar',
  zh: 'zhCN',
};
const localeErrors = new Map<BaseLanguage, LocaleError>();

function zodSentence(language: BaseLanguage, issue: IssueDetail): string | undefined {
  let localeError = localeErrors.get(language);
  if (!localeError) {
    // Loaded when a problem is shown, not when the CLI starts (most commands never load zod).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, as said above
    const { locales } = require('zod') as typeof import('zod');
    const locale = locales[ZOD_LOCALE[language] as keyof typeof locales] as () => { localeError: unknown };
    localeError = locale().localeError as LocaleError;
    localeErrors.set(language, localeError);
  }
  try {
    const said = localeError(issue as never);
    return typeof said === 'string' ? said : (said?.message ?? undefined);
  } catch {
    return undefined; // a parameter this locale needs and the detail lacks: the message as written
  }
}

/** The rule's sentence, without the field. */
export function issueText(issue: IssueDetail, reader: Translator = translator('en')): string {
  if (isMessageKey(issue.message)) return reader.t(issue.message, ruleValues(issue));
  // zod's default sentence (ours would differ from it): zod's sentence in the reader's language.
  const isZodDefault = zodSentence('en', issue) === issue.message;
  return (isZodDefault && zodSentence(reader.base, issue)) || issue.message;
}

/** `field: rule`, one per problem. */
export function issueLine(issue: IssueDetail, reader: Translator = translator('en')): string {
  return `${issue.where}: ${issueText(issue, reader)}`;
}

function ruleValues(issue: IssueDetail): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(issue))
    if (typeof v === 'string' || typeof v === 'number') values[k] = v;
  return values;
}
