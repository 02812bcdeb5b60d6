/**
 * The message catalogs (locales/<language>.json, ICU MessageFormat) and the one way to read them:
 * `translator(tag)` gives a person's language as functions that mail, documents, the CLI and the
 * portal's pages all call. English is the source: its keys are the type of every key, and a key a
 * catalog lacks (or cannot format) reads in English rather than failing a send.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { baseLanguage, textDirection, type BaseLanguage } from '../domain/language-tags';
import ar from '../locales/ar.json';
import en from '../locales/en.json';
import es from '../locales/es.json';
import fr from '../locales/fr.json';
import ru from '../locales/ru.json';
import zh from '../locales/zh.json';

/** What a catalog file says about itself: who wrote it and whether it still awaits the translators. */
export interface CatalogMeta {
  language: string;
  name: string;
  /** "complete", or "awaiting-translation" while the Secretariat's translators have not reviewed it. */
  status: string;
  note?: string;
}

export type CatalogFile = { $meta: CatalogMeta } & Record<string, string | CatalogMeta>;
export type MessageKey = Exclude<keyof typeof en, '$meta'>;
export type Values = Record<string, string | number>;

export const CATALOGS: Readonly<Record<BaseLanguage, CatalogFile>> = { en, fr, es, ru, ar, zh };

/** The keys every catalog should carry: English's. */
export const MESSAGE_KEYS = Object.keys(en).filter((k) => k !== '$meta') as MessageKey[];

const KNOWN_KEYS: ReadonlySet<string> = new Set(MESSAGE_KEYS);

/** A message's English as written, its placeholders unfilled: whether a rule names a value, say. */
export function englishSource(key: MessageKey): string {
  return en[key];
}

export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === 'string' && KNOWN_KEYS.has(key);
}

export interface Translator {
  /** The tag as the person gave it ("ar-u-nu-latn"): the HTML `lang`. */
  readonly language: string;
  readonly base: BaseLanguage;
  readonly dir: 'ltr' | 'rtl';
  /** The locale numbers and dates are formatted with ("ar" → Arabic-Indic digits). */
  readonly locale: string;
  /** A catalog message with its values; in a right-to-left language each text value is isolated. */
  t(key: MessageKey, values?: Values): string;
  /** An optional catalog entry (a city's name): undefined when no catalog has it. */
  lookup(key: string): string | undefined;
}

/** First strong isolate … pop directional isolate: a Latin name keeps its order inside Arabic. */
export const ISOLATE_START = '\u2068';
export const ISOLATE_END = '\u2069';

export function isolate(text: string): string {
  return `${ISOLATE_START}${text}${ISOLATE_END}`;
}

const translators = new Map<string, Translator>();

export function translator(tag: string | undefined): Translator {
  const key = tag ?? 'en';
  let t = translators.get(key);
  if (!t) {
    t = createTranslator(key);
    translators.set(key, t);
  }
  return t;
}

function createTranslator(language: string): Translator {
  const base = baseLanguage(language);
  const dir = textDirection(language);
  const locale = formattingLocale(language);
  const formats = new Map<string, Compiled>();
  const numbers = { own: plainNumbers(locale), en: plainNumbers('en') };
  const format = (catalog: BaseLanguage, key: MessageKey, values: Values): string => {
    const id = `${catalog}|${key}`;
    let entry = formats.get(id);
    if (!entry) {
      const source = CATALOGS[catalog][key];
      if (typeof source !== 'string') throw new Error(`no message ${key} in locales/${catalog}.json`);
      entry = compile(source, catalog === base ? locale : 'en');
      formats.set(id, entry);
    }
    const own = catalog === base;
    // In a right-to-left language each text value is isolated, except what a select chooses by.
    const rtl = dir === 'rtl' && own;
    const shown = rtl ? isolateTexts(values, entry.selectors) : { ...values };
    // A number said as it is (`{n}`, not `{n, number}` or a plural's #): in the locale's digits.
    const digits = own ? numbers.own : numbers.en;
    for (const name of entry.plain) {
      const value = values[name];
      if (value === undefined) continue;
      shown[PLAIN + name] = typeof value === 'number' ? digits.format(value) : (shown[name] ?? value);
    }
    return String(entry.f.format(shown));
  };
  return {
    language,
    base,
    dir,
    locale,
    t(key, values = {}) {
      try {
        return format(base, key, values);
      } catch {
        // A key the catalog lacks, or a translation that does not parse: English, never a lost mail.
        return format('en', key, values);
      }
    },
    lookup(key) {
      const own = CATALOGS[base][key];
      const fallback = CATALOGS.en[key];
      return typeof own === 'string' ? own : typeof fallback === 'string' ? fallback : undefined;
    },
  };
}

/** Right-to-left script: text already in it (a translated date, a nested message) needs no isolate. */
const RTL_SCRIPT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

type MessageElements = ReturnType<IntlMessageFormat['getAst']>;

/**
 * The names a message's `select`s choose by, at any depth: they must reach ICU as they are. A
 * select and a plural hold options; a plural also has a pluralType.
 */
function selectorsOf(ast: MessageElements, into = new Set<string>()): Set<string> {
  for (const element of ast) {
    if (!('options' in element)) continue;
    if (!('pluralType' in element)) into.add(element.value);
    for (const option of Object.values(element.options)) selectorsOf(option.value, into);
  }
  return into;
}

function isolateTexts(values: Values, selectors: ReadonlySet<string>): Values {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, selectors.has(k) ? v : isolateText(v)]),
  );
}

function isolateText(v: string | number): string | number {
  return typeof v === 'string' && v && !RTL_SCRIPT.test(v) ? isolate(v) : v;
}

/**
 * A message ready to format. ICU writes a plain `{n}` with String(n), Latin digits in every
 * language; so each plain argument is renamed (PLAIN + name) and given its value already written
 * in the locale's digits, while the same name in a plural, a select or `{n, number}` keeps its number.
 */
interface Compiled {
  f: IntlMessageFormat;
  selectors: ReadonlySet<string>;
  /** The names of the plain arguments, each renamed PLAIN + name in `f`. */
  plain: ReadonlySet<string>;
}

/** A prefix no catalog's placeholder can carry (ICU names cannot hold a space). */
const PLAIN = 'plain ';

/**
 * The kinds of element renamePlain looks at, as the ICU parser numbers them (its TYPE enum, which
 * intl-messageformat does not re-export): a plain `{name}`, and a rich-text tag that holds others.
 */
const TYPE = { argument: 1, tag: 8 } as const;

function compile(source: string, locale: string): Compiled {
  const ast = new IntlMessageFormat(source, locale).getAst();
  const plain = new Set<string>();
  return {
    f: new IntlMessageFormat(renamePlain(ast, plain), locale),
    selectors: selectorsOf(ast),
    plain,
  };
}

/** The message with every plain argument renamed PLAIN + name, at any depth; their names into `plain`. */
function renamePlain(ast: MessageElements, plain: Set<string>): MessageElements {
  return ast.map((element): MessageElements[number] => {
    const kind: number = element.type;
    if (kind === TYPE.argument && 'value' in element) {
      plain.add(element.value);
      return { ...element, value: PLAIN + element.value };
    }
    if ('options' in element) {
      const options = Object.fromEntries(
        Object.entries(element.options).map(([k, option]) => [
          k,
          { ...option, value: renamePlain(option.value, plain) },
        ]),
      );
      return { ...element, options };
    }
    if (kind === TYPE.tag && 'children' in element)
      return { ...element, children: renamePlain(element.children, plain) };
    return element;
  });
}

/** Digits of the locale, no grouping: a year or an edition reads 2006, not 2,006. */
function plainNumbers(locale: string): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 20 });
}

/**
 * Arabic is written with Arabic-Indic digits unless the person's tag names a numbering system
 * (ar-u-nu-latn for Latin digits); every other language keeps its locale's default.
 */
export function formattingLocale(tag: string): string {
  const locale = new Intl.Locale(tag);
  if (locale.language === 'ar' && !locale.numberingSystem) {
    return new Intl.Locale(tag, { numberingSystem: 'arab' }).toString();
  }
  return locale.toString();
}
