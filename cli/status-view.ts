/** How `convene cycle status` reads to a person, in their language: every time with its zone. */
import type { MessageKey, Translator } from '../i18n/catalog';
import { saidOr, sentence } from '../clients/sentences';
import { formatTime } from '../i18n/dates';
import type { CycleStatus } from '../workflows/definitions/preparation-cycle';
import { printTable } from './output';
import type { RenderedDocument } from '../domain/documents';

export function printCycleStatus(s: CycleStatus, t: Translator): void {
  const zone = s.meeting.timeZone;
  const when = (iso: string) => (iso ? formatTime(t, iso, zone) : '—');
  /** "Phase:    collecting-inputs": labels in a column ten wide, as before languages. */
  const line = (label: MessageKey, value: string) =>
    console.log(`${t.t('format.label', { label: t.t(label) }).padEnd(10)}${value}`);
  console.log(`\n${s.workflowId} — ${s.title}${s.rehearsal ? `   ${t.t('cli.status.rehearsal')}` : ''}`);
  line(
    'cli.status.phase',
    `${s.phase}${s.cancelled ? ` ${t.t('cli.status.cancelledBy', { by: s.cancelled.by, reason: s.cancelled.reason })}` : ''}`,
  );
  line(
    'cli.status.meeting',
    t.t('cli.status.fromTo', {
      start: when(s.meeting.start),
      end: when(s.meeting.end),
      venue: s.meeting.venue,
    }),
  );
  if (s.securityCouncil) {
    line(
      'cli.status.council',
      `${s.securityCouncil.title}, ${formatTime(t, s.securityCouncil.start, s.securityCouncil.timeZone)}`,
    );
    if (s.coincidence) {
      const verdict = t.t(s.coincidence.coincide ? 'cli.status.coincides' : 'cli.status.doesNotCoincide');
      const why = saidOr(s.coincidence.said, s.coincidence.explanation, t);
      console.log(`${''.padEnd(10)}${verdict}: ${why}`);
    }
  }
  if (s.milestones.length) {
    console.log(`\n${t.t('cli.status.milestones')}`);
    printTable(
      [t.t('cli.col.milestone'), t.t('cli.col.when'), t.t('cli.col.note')],
      s.milestones.map((m) => [
        m.name,
        when(m.at),
        m.moved ? t.t('cli.status.movedFrom', { from: m.moved.from, reasons: movedReasons(m.moved, t) }) : '',
      ]),
    );
  }
  console.log(`\n${t.t('cli.status.groups')}`);
  printTable(
    (
      [
        'cli.col.group',
        'cli.col.status',
        'cli.col.version',
        'cli.col.late',
        'cli.col.reminders',
        'cli.col.deadline',
        'cli.col.chair',
      ] as const
    ).map((k) => t.t(k)),
    s.groups.map((g) => [
      g.id,
      g.status,
      String(g.version),
      g.late ? t.t('cli.status.late') : '',
      String(g.remindersSent),
      when(g.deadline),
      g.chair,
    ]),
  );
  if (s.pendingActions.length) {
    console.log(`\n${t.t('cli.status.pending')}`);
    for (const p of s.pendingActions)
      console.log(
        `  - ${p.who} ${p.what}${p.by ? ` ${t.t('cli.status.pendingBy', { time: when(p.by) })}` : ''}`,
      );
  }
  const docs = Object.entries(s.documents);
  if (docs.length) {
    console.log(`\n${t.t('cli.status.documents')}`);
    for (const [name, d] of docs) console.log(`  ${name}: ${documentLine(d, editionOf(s.workflowId), t)}`);
  }
  if (s.invitations)
    console.log(
      `\n${t.t('cli.status.invitations', { time: when(s.invitations.sentAt), sequence: s.invitations.sequence })}`,
    );
  if (s.decisions.length)
    console.log(
      `\n${t.t('cli.status.decisions', { list: s.decisions.map((d) => d.workflowId).join(', ') })}`,
    );
  if (s.deliveryFailures.length) {
    console.log(`\n${t.t('cli.status.failures')}`);
    for (const f of s.deliveryFailures) console.log(`  - ${f.recipient}: ${f.subject} — ${f.serverReply}`);
  }
  console.log('');
}

/** How a status or receipt names a document: how to get it, and its hash to check what one got. */
export function documentLine(d: RenderedDocument, edition: string, t: Translator): string {
  if ('markdown' in d) return t.t('cli.document.file', { file: d.markdown });
  return t.t('cli.document.stored', {
    version: d.version,
    sha: d.sha256.slice(0, 12),
    command: `convene document show ${edition} ${d.kind}`,
  });
}

/** `hlm-r7` → `r7`, as the CLI takes it. */
function editionOf(cycleId: string): string {
  return cycleId.replace(/^hlm-/, '');
}

/** Why a milestone moved, in the reader's language; as recorded, in English, by a cycle planned before the phrases. */
export function movedReasons(
  moved: NonNullable<CycleStatus['milestones'][number]['moved']>,
  t: Translator,
): string {
  if (!moved.said) return moved.reasons.join('; ');
  return moved.said.map((p) => sentence(p.phrase, p.values ?? {}, t)).join(t.t('cli.status.reasonSeparator'));
}
