/**
 * `convene council`: a Security Council meeting with regional and subregional organizations
 * (`council-session-<year>`), from its specification to the requests of its outcome. Only the
 * Council affairs organizers of config/council-affairs.json act on it; a briefer answers for their
 * own organization.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Command } from 'commander';
import { localDateTime } from '../../calendar/zones';
import { inputHash, requireTrustedOrganizer, startOnce } from '../../clients/starts';
import {
  COUNCIL_AFFAIRS_FILE,
  loadCouncilAffairs,
  loadCouncilOutcome,
  loadCouncilSessionSpec,
} from '../../config/council-session';
import { loadDirectory, type Directory } from '../../config/directory';
import { REPO_ROOT } from '../../config/settings';
import type { CouncilSessionStatus, Speaker } from '../../domain/council-session';
import { searchAttributes, workflowIds } from '../../domain/ids';
import {
  answerUpdate,
  conceptNoteUpdate,
  councilStatusQuery,
  COUNCIL_SESSION_WORKFLOW,
  freezeSpeakersUpdate,
  inviteUpdate,
  moveSessionUpdate,
  recordCouncilOutcomeUpdate,
  setSpeakersUpdate,
  type CouncilSessionWorkflow,
} from '../../workflows/definitions/council-session';
import type { Translator } from '../../i18n/catalog';
import { formatTime } from '../../i18n/dates';
import { act, asOption } from '../act';
import { printJson, printTable, startedLine, UserError, type Output } from '../output';
import { withClient } from '../temporal';
import { refusedAsUserError } from '../trusted-start';

const YEAR_HELP = 'the session, e.g. 2006, or r2005 for a rehearsal (or council-session-2006)';
const AS = 'amina.rahman@un.example.org';

/** Fills in `convene council` (its name and description are in cli/main.ts). */
export function registerCouncil(council: Command, output: () => Output): void {
  registerStart(council, output);
  registerStatus(council, output);
  registerList(council, output);
  registerConceptNote(council, output);
  council
    .command('invite')
    .description('send the invitation letters (rule 39) with a calendar entry to every briefer')
    .argument('<year>', YEAR_HELP)
    .addOption(asOption())
    .addHelpText(
      'after',
      `\nThe concept note must be in first.\n\nExample:\n  $ convene council invite r2005 --as ${AS}`,
    )
    .action(async (year: string, o: { as: string }) =>
      onSession(year, output, (h) => act(h, inviteUpdate, { args: [{ as: o.as }] })),
    );
  registerAnswer(council, output, 'confirm');
  registerAnswer(council, output, 'decline');
  registerSpeakers(council, output);
  council
    .command('freeze')
    .description('freeze the list of speakers (a later change needs --reason and is recorded)')
    .argument('<year>', YEAR_HELP)
    .addOption(asOption())
    .addHelpText('after', `\nExample:\n  $ convene council freeze r2005 --as ${AS}`)
    .action(async (year: string, o: { as: string }) =>
      onSession(year, output, (h) => act(h, freezeSpeakersUpdate, { args: [{ as: o.as }] })),
    );
  registerMove(council, output);
  council
    .command('outcome')
    .description(
      'record the outcome (statement, resolution or record); each request becomes a tracked decision',
    )
    .argument('<year>', YEAR_HELP)
    .argument('<file>', 'an outcome (kind, symbol, adoptedAt, paragraphs) or a session file with `outcome:`')
    .addOption(asOption())
    .addHelpText(
      'after',
      `
Symbols by kind: presidential-statement S/PRST/2004/27, resolution S/RES/1631 (2005),
summary-record S/PV.4739. A paragraph with a \`request\` (addressee, leadOrganization, area,
dueDate) is tracked as decision <edition>/<ref> (e.g. 7/sc1631-10), its source shown in the
implementation report and the committee's digest.

Example:
  $ convene council outcome r2005 config/examples/council-session-2005.yaml --as ${AS}
  $ convene decision show r7/sc1631-10`,
    )
    .action(async (year: string, file: string, o: { as: string }) => {
      const outcome = loadCouncilOutcome(file);
      await onSession(year, output, (h) =>
        act(h, recordCouncilOutcomeUpdate, { args: [{ as: o.as, outcome }] }),
      );
    });
}

// ── start, status, list ─────────────────────────────────────────────────────────────────────────────

function registerStart(council: Command, output: () => Output): void {
  council
    .command('start <spec>')
    .description('start a Council session from its specification (YAML or JSON)')
    .option(
      '--rehearse',
      'play the session on a compressed clock, marked as a rehearsal (id council-session-r<year>)',
    )
    .option('--seconds-per-day <n>', 'in a rehearsal, how many seconds one day lasts', '6')
    .addOption(asOption())
    .addHelpText(
      'after',
      `
--as must be a Council affairs organizer named in config/council-affairs.json (the trusted list;
the specification never names who may act). Starting the same specification twice answers with
the running session; a different one under the same year is refused.

Examples:
  $ convene council start config/examples/council-session-2005.yaml --rehearse --as ${AS}
  $ convene council status r2005`,
    )
    .action(async (spec: string, o: { rehearse?: boolean; secondsPerDay: string; as: string }) => {
      const secondsPerDay = Number(o.secondsPerDay);
      if (!(secondsPerDay > 0 && secondsPerDay <= 86_400))
        throw new UserError('cli.error.secondsPerDay', { got: String(o.secondsPerDay) });
      await withClient(async (client, settings) => {
        const directory = loadDirectory(settings.directoryFile);
        const affairs = trustedCouncilOrganizer(o.as, directory);
        const input = loadCouncilSessionSpec(spec, {
          directory,
          affairs,
          now: new Date(),
          ...(o.rehearse ? { rehearsal: { secondsPerDay } } : {}),
        });
        const workflowId = workflowIds.councilSession(input.key);
        const hash = inputHash({
          spec: readFileSync(spec, 'utf8'),
          rehearsal: input.rehearsal?.secondsPerDay ?? null,
        });
        const { handle, existing } = await refusedAsUserError(() =>
          startOnce<CouncilSessionWorkflow>(
            client,
            COUNCIL_SESSION_WORKFLOW,
            {
              taskQueue: settings.taskQueue,
              workflowId,
              args: [{ ...input, startedBy: o.as }],
              typedSearchAttributes: [
                { key: searchAttributes.CouncilPhase, value: 'planning' },
                { key: searchAttributes.Rehearsal, value: Boolean(input.rehearsal) },
              ],
            },
            { hash, as: o.as, what: 'session' },
          ),
        );
        const status = await handle.query(councilStatusQuery);
        if (output().json) return printJson(status);
        console.log(
          startedLine(output().t, {
            existing,
            id: workflowId,
            secondsPerDay: input.rehearsal && secondsPerDay,
          }),
        );
        printStatus(status, output().t);
      });
    });
}

function registerStatus(council: Command, output: () => Output): void {
  council
    .command('status')
    .alias('show')
    .description('phase, meeting (both zones), presidency, briefers and answers, speakers, outcome, requests')
    .argument('<year>', YEAR_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ convene council status r2005\n  $ convene --json council show r2005',
    )
    .action(async (year: string) =>
      withClient(async (client) => {
        const status = await sessionHandle(client, year).query(councilStatusQuery);
        if (output().json) return printJson(status);
        printStatus(status, output().t);
      }),
    );
}

function registerList(council: Command, output: () => Output): void {
  council
    .command('list')
    .description('every Council session, from visibility, with its phase')
    .action(async () =>
      withClient(async (client) => {
        const rows: string[][] = [];
        for await (const wf of client.workflow.list({
          query: `WorkflowType = '${COUNCIL_SESSION_WORKFLOW}'`,
        }))
          rows.push([
            wf.workflowId,
            String(wf.typedSearchAttributes.get(searchAttributes.CouncilPhase) ?? ''),
            wf.typedSearchAttributes.get(searchAttributes.Rehearsal) ? 'rehearsal' : '',
            wf.status.name,
          ]);
        if (output().json)
          return printJson(rows.map(([id, phase, kind, status]) => ({ id, phase, kind, status })));
        const { t } = output();
        if (!rows.length)
          return console.log(
            t.t('cli.council.none', { command: '`convene council start <spec> --as <organizer>`' }),
          );
        printTable(
          [t.t('cli.col.session'), t.t('cli.col.phase'), '', t.t('cli.col.status')],
          rows.map(([id, phase, kind, status]) => [
            id ?? '',
            phase ?? '',
            kind ? t.t('cli.council.rehearsal') : '',
            status ?? '',
          ]),
        );
      }),
    );
}

// ── actions ─────────────────────────────────────────────────────────────────────────────────────────

function registerConceptNote(council: Command, output: () => Output): void {
  council
    .command('concept-note')
    .description("put a new version of the presidency's concept note (stored, with its hash)")
    .argument('<year>', YEAR_HELP)
    .argument('<file>', 'the note as text or Markdown; paragraphs separated by blank lines')
    .requiredOption('--title <title>', 'the title of the note')
    .addOption(asOption())
    .addHelpText(
      'after',
      `\nThe same text again is the same version; a changed text is the next one.\n\nExample:\n  $ convene council concept-note r2005 config/examples/council-concept-note-2005.md --title "Cooperation with regional organizations" --as ${AS}`,
    )
    .action(async (year: string, file: string, o: { title: string; as: string }) => {
      const text = readFileSync(file, 'utf8');
      await onSession(year, output, (h) =>
        act(h, conceptNoteUpdate, { args: [{ as: o.as, title: o.title, text }] }),
      );
    });
}

function registerAnswer(council: Command, output: () => Output, answer: 'confirm' | 'decline'): void {
  council
    .command(answer)
    .description(
      answer === 'confirm'
        ? "confirm an organization's briefer (by the briefer or an organizer)"
        : 'decline for an organization (its calendar entry is withdrawn)',
    )
    .argument('<year>', YEAR_HELP)
    .argument('<organization>', 'the organization id, e.g. au')
    .option('--note <text>', 'a note kept with the answer')
    .addOption(asOption())
    .addHelpText(
      'after',
      `\nExamples:\n  $ convene council ${answer} r2005 au --as briefer@au.example.org\n  $ convene council ${answer} r2005 eu --note "answered by phone" --as ${AS}`,
    )
    .action(async (year: string, organization: string, o: { note?: string; as: string }) =>
      onSession(year, output, (h) =>
        act(h, answerUpdate, {
          args: [{ as: o.as, organization, answer, ...(o.note ? { note: o.note } : {}) }],
        }),
      ),
    );
}

function registerSpeakers(council: Command, output: () => Output): void {
  council
    .command('speakers')
    .description('set the ordered list of speakers, with the minutes each is given')
    .argument('<year>', YEAR_HELP)
    .argument(
      '<speaker...>',
      'in order: member:<Council member>=<min>, briefer:<organization>=<min>, secretariat:<name>=<min>',
    )
    .option('--reason <text>', 'required once the list is frozen; the change is recorded with it')
    .addOption(asOption())
    .addHelpText(
      'after',
      `
Briefers must have confirmed; members must sit on the Council that year.

Examples:
  $ convene council speakers r2005 "secretariat:Secretary-General=10" briefer:au=7 briefer:eu=7 member:Romania=5 --as ${AS}
  $ convene council speakers r2005 briefer:au=7 member:Romania=5 --reason "EU withdrew" --as ${AS}`,
    )
    .action(async (year: string, words: string[], o: { reason?: string; as: string }) => {
      const speakers = words.map(speakerOf);
      await onSession(year, output, (h) =>
        act(h, setSpeakersUpdate, {
          args: [{ as: o.as, speakers, ...(o.reason ? { reason: o.reason } : {}) }],
        }),
      );
    });
}

function registerMove(council: Command, output: () => Output): void {
  council
    .command('move')
    .description("move the session: every briefer's calendar follows (SEQUENCE), reminders re-planned")
    .argument('<year>', YEAR_HELP)
    .requiredOption('--start <local>', "new start, local time in the meeting's zone (2006-09-21T10:00)")
    .requiredOption('--end <local>', 'new end, local time in the same zone')
    .requiredOption('--reason <text>', 'why, as the briefers will read it')
    .addOption(asOption())
    .addHelpText(
      'after',
      `\nExample:\n  $ convene council move r2005 --start 2005-10-19T10:00 --end 2005-10-19T13:00 --reason "Council programme of work" --as ${AS}`,
    )
    .action(async (year: string, o: { start: string; end: string; reason: string; as: string }) =>
      withClient(async (client) => {
        const handle = sessionHandle(client, year);
        const zone = (await handle.query(councilStatusQuery)).meeting.timeZone;
        const at = (v: string, what: string) => localDateTime(v, zone, what).toUTC().toISO()!;
        const move = await act(handle, moveSessionUpdate, {
          args: [{ as: o.as, start: at(o.start, '--start'), end: at(o.end, '--end'), reason: o.reason }],
        });
        if (output().json) return printJson(move);
        const { t } = output();
        console.log(
          t.t('cli.council.moved', {
            id: handle.workflowId,
            to: formatTime(t, move.to.start, zone),
            from: formatTime(t, move.from.start, zone),
          }),
        );
      }),
    );
}

// ── helpers ─────────────────────────────────────────────────────────────────────────────────────────

/** `--as` must be a Council affairs organizer of the trusted file. */
function trustedCouncilOrganizer(as: string, directory: Directory) {
  const affairs = loadCouncilAffairs(directory);
  const where = path.relative(REPO_ROOT, COUNCIL_AFFAIRS_FILE) || COUNCIL_AFFAIRS_FILE;
  refusedAsUserError(() => requireTrustedOrganizer(as, affairs.contacts, where));
  return affairs;
}

export function sessionKeyOf(argument: string): string {
  const key = argument.replace(/^council-session-/, '');
  if (!/^r?\d{4}$/.test(key)) throw new UserError('cli.error.notSession', { argument });
  return key;
}

function sessionHandle(client: Client, year: string): WorkflowHandle<CouncilSessionWorkflow> {
  return client.workflow.getHandle(workflowIds.councilSession(sessionKeyOf(year)));
}

/** Runs an action on a session and prints what it answers. */
async function onSession<T>(
  year: string,
  output: () => Output,
  action: (h: WorkflowHandle<CouncilSessionWorkflow>) => Promise<T>,
): Promise<void> {
  await withClient(async (client) => {
    const handle = sessionHandle(client, year);
    const result = await action(handle);
    if (output().json) return printJson(result);
    console.log(output().t.t('cli.done', { id: handle.workflowId }));
    printJson(result);
  });
}

function speakerOf(word: string): Speaker {
  const m = /^(member|briefer|secretariat):(.+)=(\d+)$/.exec(word);
  if (!m) throw new UserError('cli.error.notSpeaker', { word });
  const [, kind, who = '', count] = m;
  const minutes = Number(count);
  if (kind === 'member') return { kind: 'council-member', member: who, minutes };
  if (kind === 'briefer') return { kind: 'briefer', organization: who, minutes };
  return { kind: 'secretariat', name: who, minutes };
}

/** The status for a person, in their language: times in the meeting's zone and UTC. */
function printStatus(s: CouncilSessionStatus, t: Translator): void {
  const zone = s.meeting.timeZone;
  const when = (iso: string) =>
    t.t('cli.councilStatus.bothZones', { here: formatTime(t, iso, zone), utc: formatTime(t, iso, 'UTC') });
  const say = (line: string) => console.log(`  ${line}`);
  console.log(
    t.t(s.rehearsal ? 'cli.councilStatus.headingRehearsal' : 'cli.councilStatus.heading', {
      id: s.id,
      title: s.title,
    }),
  );
  say(t.t('cli.councilStatus.phase', { phase: s.phase }));
  say(
    t.t('cli.councilStatus.meeting', {
      start: when(s.meeting.start),
      end: when(s.meeting.end),
      venue: s.meeting.venue,
    }),
  );
  say(
    t.t('cli.councilStatus.presidency', {
      member: s.presidency.member,
      month: s.presidency.month,
      name: s.presidency.actingFor.name,
      email: s.presidency.actingFor.email,
    }),
  );
  say(t.t('cli.councilStatus.organizers', { list: s.organizers.map((o) => o.email).join(', ') }));
  say(t.t('cli.councilStatus.replyBy', { time: when(s.replyBy) }));
  if (s.cycleMeeting)
    say(
      t.t(s.cycleMeeting.coincide ? 'cli.councilStatus.cycleCoincides' : 'cli.councilStatus.cycleApart', {
        cycle: s.cycleMeeting.cycle,
        start: when(s.cycleMeeting.start),
      }),
    );
  const note = s.conceptNotes.at(-1);
  say(
    note
      ? t.t('cli.councilStatus.conceptNote', {
          id: note.id,
          version: note.version,
          sha: note.sha256.slice(0, 12),
          title: note.title,
        })
      : t.t('cli.councilStatus.noConceptNote'),
  );
  say(
    s.invitations
      ? t.t('cli.councilStatus.invitationsSent', { at: s.invitations.sentAt, by: s.invitations.by })
      : t.t('cli.councilStatus.invitationsNotSent'),
  );
  printTable(
    (
      ['cli.col.organization', 'cli.col.briefer', 'cli.col.role', 'cli.col.basis', 'cli.col.answer'] as const
    ).map((k) => t.t(k)),
    s.partners.map((p) => [
      p.acronym,
      `${p.briefer.name} <${p.briefer.email}>`,
      p.briefer.role,
      p.basis,
      p.answer ? `${p.answer.answer} ${p.answer.at.slice(0, 16)}` : '—',
    ]),
  );
  if (s.speakers.list.length) {
    const frozen = s.speakers.frozen;
    say(
      frozen
        ? t.t('cli.councilStatus.speakersFrozen', { at: frozen.at, by: frozen.by })
        : t.t('cli.councilStatus.speakers'),
    );
    for (const x of s.speakers.list)
      say(`  ${t.t('cli.councilStatus.speaker', { order: x.order, name: x.name, minutes: x.minutes })}`);
    for (const c of s.speakers.changes)
      say(`  ${t.t('cli.councilStatus.changed', { at: c.at, by: c.by, reason: c.reason })}`);
  }
  for (const m of s.moves)
    say(
      t.t('cli.councilStatus.moved', {
        at: m.at,
        by: m.by,
        from: when(m.from.start),
        to: when(m.to.start),
        reason: m.reason,
      }),
    );
  if (s.outcome)
    say(
      t.t('cli.councilStatus.outcome', {
        symbol: s.outcome.symbol,
        kind: s.outcome.kind,
        by: s.outcome.recordedBy,
      }),
    );
  for (const r of s.requests)
    say(`  ${t.t('cli.councilStatus.request', { source: r.source, id: r.workflowId })}`);
  if (s.illustrative.length) say(t.t('cli.councilStatus.illustrative', { list: s.illustrative.join('; ') }));
  for (const f of s.deliveryFailures)
    say(t.t('cli.councilStatus.undelivered', { kind: f.kind, recipient: f.recipient, reply: f.serverReply }));
}
