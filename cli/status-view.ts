/** How `convene cycle status` reads to a person: every time with its zone. */
import { formatInZone } from '../calendar/format';
import type { CycleStatus } from '../workflows/definitions/preparation-cycle';
import { printTable } from './output';
import type { RenderedDocument } from '../domain/documents';

export function printCycleStatus(s: CycleStatus): void {
  const zone = s.meeting.timeZone;
  const when = (iso: string) => (iso ? formatInZone(iso, zone) : '—');
  console.log(`\n${s.workflowId} — ${s.title}${s.rehearsal ? '   [REHEARSAL]' : ''}`);
  console.log(`Phase:    ${s.phase}${s.cancelled ? ` (by ${s.cancelled.by}: ${s.cancelled.reason})` : ''}`);
  console.log(`Meeting:  ${when(s.meeting.start)} to ${when(s.meeting.end)}, ${s.meeting.venue}`);
  if (s.securityCouncil) {
    console.log(
      `Council:  ${s.securityCouncil.title}, ${formatInZone(s.securityCouncil.start, s.securityCouncil.timeZone)}`,
    );
    if (s.coincidence)
      console.log(
        `          ${s.coincidence.coincide ? 'coincides' : 'DOES NOT COINCIDE'}: ${s.coincidence.explanation}`,
      );
  }
  if (s.milestones.length) {
    console.log('\nMilestones');
    printTable(
      ['milestone', 'when', 'note'],
      s.milestones.map((m) => [
        m.name,
        m.display,
        m.moved ? `moved from ${m.moved.from}: ${m.moved.reasons.join('; ')}` : '',
      ]),
    );
  }
  console.log('\nWorking groups');
  printTable(
    ['group', 'status', 'version', 'late', 'reminders', 'deadline', 'chair'],
    s.groups.map((g) => [
      g.id,
      g.status,
      String(g.version),
      g.late ? 'late' : '',
      String(g.remindersSent),
      when(g.deadline),
      g.chair,
    ]),
  );
  if (s.pendingActions.length) {
    console.log('\nPending');
    for (const p of s.pendingActions) console.log(`  - ${p.who} ${p.what}${p.by ? ` by ${when(p.by)}` : ''}`);
  }
  const docs = Object.entries(s.documents);
  if (docs.length) {
    console.log('\nDocuments');
    for (const [name, d] of docs) console.log(`  ${name}: ${documentLine(d, editionOf(s.workflowId))}`);
  }
  if (s.invitations)
    console.log(
      `\nInvitations sent ${when(s.invitations.sentAt)} (calendar sequence ${s.invitations.sequence})`,
    );
  if (s.decisions.length) console.log(`\nDecisions: ${s.decisions.map((d) => d.workflowId).join(', ')}`);
  if (s.deliveryFailures.length) {
    console.log('\nDelivery failures (the organizers were told)');
    for (const f of s.deliveryFailures) console.log(`  - ${f.recipient}: ${f.subject} — ${f.serverReply}`);
  }
  console.log('');
}

/** How a status or receipt names a document: how to get it, and its hash to check what one got. */
export function documentLine(d: RenderedDocument, edition: string): string {
  if ('markdown' in d) return `${d.markdown} (and .html; written before the shared store)`;
  return `version ${d.version}, sha256 ${d.sha256.slice(0, 12)}… (convene document show ${edition} ${d.kind})`;
}

/** `hlm-r7` → `r7`, as the CLI takes it. */
function editionOf(cycleId: string): string {
  return cycleId.replace(/^hlm-/, '');
}
