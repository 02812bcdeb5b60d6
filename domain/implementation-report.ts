/**
 * The implementation report an organizer exports (`convene report implementation`): every decision
 * with its status, lead, due date and last report, as Markdown, CSV or JSON. Pure rendering.
 */
import { decisionSourceLabel, isOverdueAt } from './decision';
import type { DecisionView } from './decision-record';

export const REPORT_FORMATS = ['md', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportRow {
  id: string;
  edition: string;
  ref: string;
  title: string;
  /** Where a Council request comes from ("S/RES/1631 (2005), para. 10"); empty for a meeting's own. */
  source: string;
  area: string;
  lead: string;
  responsible: string;
  status: string;
  dueDate: string;
  overdue: boolean;
  lastReportAt: string;
  lastReport: string;
  closedAt: string;
}

/** One decision's row; overdue as of `nowMs` (the report's time, not the workflow's). */
export function reportRow(view: DecisionView, nowMs: number): ReportRow {
  return {
    id: view.id,
    edition: view.edition,
    ref: view.ref,
    title: view.title,
    source: decisionSourceLabel(view.source),
    area: view.area,
    lead: view.lead.acronym,
    responsible: view.responsible.map((r) => r.acronym).join(' '),
    status: view.status,
    dueDate: view.dueDate,
    overdue: isOverdueAt(view, nowMs),
    lastReportAt: view.lastReport?.at ?? '',
    lastReport: view.lastReport?.summary ?? '',
    closedAt: view.closure?.at ?? '',
  };
}

export function renderReport(rows: ReportRow[], format: ReportFormat, generatedAt: string): string {
  const sorted = [...rows].sort(
    (a, b) =>
      a.edition.localeCompare(b.edition, 'en', { numeric: true }) ||
      a.ref.localeCompare(b.ref, 'en', { numeric: true }),
  );
  switch (format) {
    case 'json':
      return JSON.stringify({ generatedAt, decisions: sorted }, null, 2) + '\n';
    case 'csv':
      return toCsv(sorted);
    case 'md':
      return toMarkdown(sorted, generatedAt);
  }
}

const COLUMNS: Array<keyof ReportRow> = [
  'id',
  'edition',
  'ref',
  'title',
  'area',
  'lead',
  'responsible',
  'status',
  'dueDate',
  'overdue',
  'lastReportAt',
  'lastReport',
  'closedAt',
  // Last, so a spreadsheet built on the earlier columns keeps working.
  'source',
];

/** RFC 4180: quoted when needed, quotes doubled; a leading =, +, - or @ is defused for spreadsheets. */
function csvCell(value: string | boolean): string {
  const text = String(value);
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function toCsv(rows: ReportRow[]): string {
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))];
  return lines.join('\r\n') + '\r\n';
}

const mdCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

function toMarkdown(rows: ReportRow[], generatedAt: string): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const summary = [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  const overdue = rows.filter((r) => r.overdue).length;
  return [
    '# Implementation of decisions',
    '',
    `Generated ${generatedAt}. ${rows.length} decision(s): ${summary || 'none'}; ${overdue} overdue.`,
    '',
    '| decision | title | source | lead | responsible | status | due | last report |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.edition}/${r.ref} | ${mdCell(r.title)} | ${r.source ? mdCell(r.source) : 'HLM ' + r.edition} | ${r.lead} | ${r.responsible} | ${r.status}${r.overdue ? ' **(overdue)**' : ''} | ${r.dueDate.slice(0, 10)} | ${r.lastReportAt ? `${r.lastReportAt.slice(0, 10)}: ${mdCell(r.lastReport)}` : '—'} |`,
    ),
    '',
  ].join('\n');
}
