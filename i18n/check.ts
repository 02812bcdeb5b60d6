/**
 * What each catalog lacks or gets wrong, measured against English and against the keys the code
 * looks up by name (a status, a city of the directory). English and French must be complete — CI
 * fails on them — the other languages are drafts and only warned about.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { LANGUAGES, type BaseLanguage } from '../domain/language';
import type { CatalogFile } from './catalog';

export const REQUIRED_COMPLETE: readonly BaseLanguage[] = ['en', 'fr'];
const STATUSES = ['complete', 'awaiting-translation'];

export interface CatalogReport {
  language: BaseLanguage;
  status: string;
  missing: string[];
  /** Keys English does not have: a typo, or a key the code no longer uses. */
  unknown: string[];
  /** One line per message that does not parse, or uses a {placeholder} convene does not fill in. */
  broken: string[];
  /** Placeholders English shows and this language leaves out: often on purpose, worth a look. */
  notes: string[];
  /** True when this language must be complete and is not. */
  fails: boolean;
}

export function checkCatalogs(
  catalogs: Readonly<Record<BaseLanguage, CatalogFile>>,
  lookedUp: readonly string[],
): CatalogReport[] {
  const english = messages(catalogs.en);
  const required = [...new Set([...Object.keys(english), ...lookedUp])];
  return LANGUAGES.map((language) => {
    const own = messages(catalogs[language]);
    const missing = required.filter((k) => own[k] === undefined);
    const unknown = Object.keys(own).filter((k) => !required.includes(k));
    const found = Object.entries(own).map(([key, source]) => problemsOf(key, source, english[key]));
    const broken = found.flatMap((f) => f.broken);
    const notes = found.flatMap((f) => f.notes);
    const meta = catalogs[language].$meta;
    if (!STATUSES.includes(meta?.status))
      broken.push(`$meta.status: "${String(meta?.status)}" must be one of ${STATUSES.join(', ')}`);
    const mustBeComplete = REQUIRED_COMPLETE.includes(language);
    return {
      language,
      status: meta?.status,
      missing,
      unknown,
      broken,
      notes,
      fails: mustBeComplete && (missing.length > 0 || broken.length > 0),
    };
  });
}

function messages(file: CatalogFile): Record<string, string> {
  return Object.fromEntries(
    Object.entries(file).filter((e): e is [string, string] => e[0] !== '$meta' && typeof e[1] === 'string'),
  );
}

function problemsOf(
  key: string,
  source: string,
  english: string | undefined,
): { broken: string[]; notes: string[] } {
  let names: Set<string>;
  try {
    names = placeholders(source);
  } catch (err) {
    return { broken: [`${key}: does not parse as ICU MessageFormat (${(err as Error).message})`], notes: [] };
  }
  if (english === undefined) return { broken: [], notes: [] };
  const wanted = placeholders(english);
  const lost = [...wanted].filter((n) => !names.has(n));
  const added = [...names].filter((n) => !wanted.has(n));
  return {
    broken: added.length ? [`${key}: has {${added.join('}, {')}}, which convene does not fill in`] : [],
    notes: lost.length ? [`${key}: leaves out {${lost.join('}, {')}}, which English shows`] : [],
  };
}

/** The parser's AST: literal text is type 0 and a plural's `#` type 7; every other type names an argument. */
type Element = {
  type: number;
  value?: unknown;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
};
const LITERAL = 0;
const POUND = 7;

/** The argument names a message uses, at any depth of plural and select. */
function placeholders(source: string): Set<string> {
  const names = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const el of elements) {
      if (el.type !== LITERAL && el.type !== POUND && typeof el.value === 'string') names.add(el.value);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
      if (el.children) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(source, 'en').getAst());
  return names;
}

export function formatReport(reports: CatalogReport[]): string[] {
  return reports.map((r) => {
    const head = `${r.language} (${r.status}): ${r.missing.length} missing, ${r.unknown.length} unknown, ${r.broken.length} broken, ${r.notes.length} notes`;
    const level = r.fails ? 'FAIL' : r.missing.length || r.broken.length || r.unknown.length ? 'warn' : 'ok';
    const lines = [
      ...r.missing.map((k) => `    missing: ${k}`),
      ...r.unknown.map((k) => `    unknown: ${k}`),
      ...r.broken.map((k) => `    broken:  ${k}`),
      ...r.notes.map((k) => `    note:    ${k}`),
    ];
    return [`${level.padEnd(4)} ${head}`, ...lines].join('\n');
  });
}
