/**
 * A schema's problems in the reader's language: zod's own sentence for a rule of zod's (zod ships
 * its locales), the catalog's `rule.*` sentence for a rule of ours, and otherwise the message as
 * the schema wrote it. Every boundary that shows a person what to fix renders here.
 */
import type { BaseLanguage } from '../domain/language';
import type { IssueDetail, RuleParams } from '../domain/issues';
import {
  englishSource,
  isMessageKey,
  MESSAGE_KEYS,
  translator,
  type MessageKey,
  type Translator,
} from '../i18n/catalog';

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

/**
 * Our schemas' own rules, by their English sentence: a `rule.*` message of the catalogs whose
 * English is exactly what a schema says. The schemas keep their English (the workflow bundle
 * and the configuration's errors hold no catalogs); the reader gets the catalog's sentence.
 */
let ourRules: Map<string, MessageKey> | undefined;

function ourRule(message: string): MessageKey | undefined {
  ourRules ??= new Map(
    MESSAGE_KEYS.filter((k) => k.startsWith('rule.') && !englishSource(k).includes('{')).map(
      (k) => [translator('en').t(k), k] as const,
    ),
  );
  return ourRules.get(message);
}

/**
 * A rule of ours that names a value ("94b is listed twice") carries its key and values in the
 * issue's `params` (domain/issues.ts, ruleIssue); an issue from an older worker has only its English.
 */
function ourRuleWithValues(issue: IssueDetail): RuleParams | undefined {
  const params = issue.params as Partial<RuleParams> | undefined;
  if (!params || !isMessageKey(params.rule) || !params.rule.startsWith('rule.')) return undefined;
  const values = params.values;
  if (!values || typeof values !== 'object') return undefined;
  return { rule: params.rule, values };
}

/** The rule's sentence, without the field. */
export function issueText(issue: IssueDetail, reader: Translator = translator('en')): string {
  const withValues = ourRuleWithValues(issue);
  if (withValues) return reader.t(withValues.rule, withValues.values);
  const ours = ourRule(issue.message);
  if (ours) return reader.t(ours);
  // zod's default sentence (ours would differ from it): zod's sentence in the reader's language.
  const isZodDefault = zodSentence('en', issue) === issue.message;
  return (isZodDefault && zodSentence(reader.base, issue)) || issue.message;
}

/** `field: rule`, one per problem. */
export function issueLine(issue: IssueDetail, reader: Translator = translator('en')): string {
  return `${issue.where}: ${issueText(issue, reader)}`;
}
