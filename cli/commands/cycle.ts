import type { Command } from 'commander';
import { act, asOption } from '../act';
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { saidOr } from '../../clients/sentences';
import { inputHash, startOnce } from '../../clients/starts';
import { loadHolidayCalendars } from '../../calendar/holidays';
import { formatTime } from '../../i18n/dates';
import { CalendarError } from '../../calendar/errors';
import { localDateTime } from '../../calendar/zones';
import {
  councilSessionNamed,
  readCycleSpecFile,
  resolveCycleSpec,
  type CouncilSessionDate,
} from '../../config/cycle-spec';
import { loadDirectory } from '../../config/directory';
import { sources } from '../../config/problems';
import { searchAttributes, workflowIds } from '../../domain/ids';
import {
  cancelUpdate,
  councilMovedUpdate,
  cycleStatusQuery,
  followCouncilUpdate,
  rescheduleUpdate,
  type CouncilMoveResult,
  type CycleStatus,
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../../workflows/definitions/preparation-cycle';
import { councilStatusQuery } from '../../workflows/definitions/council-session';
import { cycleHandle } from '../cycle-target';
import { registerDraftNext } from './cycle-draft';
import { printJson, printTable, startedLine, UserError, type Output } from '../output';
import { printCycleStatus } from '../status-view';
import { withClient } from '../temporal';
import { refusedAsUserError, trustedOrganizer } from '../trusted-start';

/** Fills in `convene cycle` (its name and description are in cli/main.ts). */
export function registerCycle(command: Command, output: () => Output): void {
  const cycle = command;

  cycle
    .command('start <spec>')
    .description('launch the preparation cycle described by a YAML or JSON specification')
    .option('--rehearse', 'run the whole timeline compressed, marked as a rehearsal (edition id r<edition>)')
    .option('--seconds-per-day <n>', 'in a rehearsal, how many seconds one day of the timeline lasts', '5')
    .addOption(asOption())
    .addHelpText(
      'after',
      `
--as must be an organizer named in config/standing-committee.json. Launching the same
specification twice returns the existing cycle; a different one under a running edition is refused.

Examples:
  $ convene cycle start config/examples/hlm-27-2027.yaml --as amina.rahman@un.example.org
  $ convene cycle start config/examples/hlm-7-2006.yaml --rehearse --seconds-per-day 2 --as amina.rahman@un.example.org
  $ convene cycle status r7`,
    )
    .action(async (specFile: string, opts: { rehearse?: boolean; secondsPerDay: string; as: string }) => {
      const secondsPerDay = Number(opts.secondsPerDay);
      if (!(secondsPerDay > 0 && secondsPerDay <= 86_400)) {
        throw new UserError('cli.error.secondsPerDay', { got: String(opts.secondsPerDay) });
      }
      await withClient(async (client, settings) => {
        const directory = loadDirectory(settings.directoryFile);
        trustedOrganizer(opts.as, directory);
        const raw = readCycleSpecFile(specFile);
        const councilSession = await councilSessionDate(
          client,
          councilSessionNamed(raw, Boolean(opts.rehearse)),
        );
        const input = resolveCycleSpec(raw, sources.cycleSpec(specFile), {
          directory,
          holidays: loadHolidayCalendars(),
          now: new Date(),
          rehearsal: opts.rehearse ? { secondsPerDay } : undefined,
          defaults: settings.policies,
          councilSession,
        });
        if (councilSession) {
          const { start, timeZone } = councilSession;
          const at = formatTime(output().t, start, timeZone);
          console.error(
            output().t.t('cli.cycle.councilDateFromSession', { session: councilSession.workflowId, at }),
          );
        }
        const workflowId = workflowIds.cycle(input.editionKey);
        // The same specification (and rehearsal pace) hashes the same: a second launch answers with it.
        const hash = inputHash({ spec: raw, rehearsal: input.rehearsal ?? null });
        const { handle, existing } = await refusedAsUserError(() =>
          startOnce<PreparationCycleWorkflow>(
            client,
            PREPARATION_CYCLE_WORKFLOW,
            {
              taskQueue: settings.taskQueue,
              workflowId,
              args: [input],
              typedSearchAttributes: [
                { key: searchAttributes.MeetingEdition, value: input.editionKey },
                { key: searchAttributes.CyclePhase, value: 'scheduled' },
                { key: searchAttributes.Rehearsal, value: Boolean(input.rehearsal) },
              ],
            },
            { hash, as: opts.as, what: 'specification' },
          ),
        );
        const status = await waitForTimeline(handle);
        if (output().json) return printJson(status);
        console.log(
          startedLine(output().t, {
            existing,
            id: workflowId,
            secondsPerDay: input.rehearsal && secondsPerDay,
          }),
        );
        printCycleStatus(status, output().t);
      });
    });

  cycle
    .command('status <edition>')
    .description('phase, milestones, working groups, pending actions and documents of a cycle')
    .addHelpText('after', '\nExamples:\n  $ convene cycle status 27\n  $ convene --json cycle status r7')
    .action(async (edition: string) => {
      await withClient(async (client) => {
        const status = await queryStatus(cycleHandle(client, edition), edition);
        if (output().json) return printJson(status);
        printCycleStatus(status, output().t);
      });
    });

  cycle
    .command('list')
    .description('every preparation cycle, newest first, with its phase')
    .action(async () => {
      await withClient(async (client) => {
        const rows: {
          workflowId: string;
          edition: string;
          phase: string;
          status: string;
          started: string;
        }[] = [];
        for await (const wf of client.workflow.list({ query: `WorkflowType = 'preparationCycle'` })) {
          rows.push({
            workflowId: wf.workflowId,
            edition: String(wf.typedSearchAttributes.get(searchAttributes.MeetingEdition) ?? ''),
            phase: String(wf.typedSearchAttributes.get(searchAttributes.CyclePhase) ?? ''),
            status: wf.status.name,
            started: wf.startTime.toISOString(),
          });
        }
        if (output().json) return printJson(rows);
        const { t } = output();
        if (!rows.length)
          return console.log(
            t.t('cli.cycle.none', { command: '`convene cycle start <spec> --as <organizer>`' }),
          );
        printTable(
          (
            [
              'cli.col.workflow',
              'cli.col.edition',
              'cli.col.phase',
              'cli.col.status',
              'cli.col.startedUtc',
            ] as const
          ).map((k) => t.t(k)),
          rows.map((r) => [r.workflowId, r.edition, r.phase, r.status, r.started]),
        );
      });
    });

  cycle
    .command('reschedule <edition>')
    .description(
      'move the meeting: the timeline is re-planned, deadlines and reminders move, everyone is told',
    )
    .requiredOption(
      '--start <datetime>',
      "new start, local time in the meeting's zone (2027-09-30T10:00) or with offset",
    )
    .requiredOption('--end <datetime>', 'new end, as --start')
    .option('--venue <venue>', 'new venue')
    .option('--reason <text>', 'why, for the notice')
    .addOption(asOption())
    .addHelpText(
      'after',
      '\nExample:\n  $ convene cycle reschedule 27 --start 2027-09-30T10:00 --end 2027-09-30T18:00 --reason "General Assembly week" --as amina.rahman@un.example.org',
    )
    .action(
      async (
        edition: string,
        o: { start: string; end: string; venue?: string; reason?: string; as: string },
      ) => {
        await withClient(async (client) => {
          const handle = cycleHandle(client, edition);
          const zone = (await queryStatus(handle, edition)).meeting.timeZone;
          const status = await act(handle, rescheduleUpdate, {
            args: [
              {
                as: o.as,
                start: instant(o.start, zone, '--start'),
                end: instant(o.end, zone, '--end'),
                venue: o.venue,
                reason: o.reason,
              },
            ],
          });
          if (output().json) return printJson(status);
          console.log(output().t.t('cli.cycle.rescheduled'));
          printCycleStatus(status, output().t);
        });
      },
    );

  cycle
    .command('council-moved <edition>')
    .description(
      'record that the Security Council meeting moved; if the meetings no longer coincide, the organizers get the nearest dates that do (or, under followCouncil, the meeting follows)',
    )
    .requiredOption(
      '--start <datetime>',
      'new start of the Security Council meeting (New York time, or with offset)',
    )
    .option('--title <title>', 'its title, if it changed')
    .addOption(asOption())
    .action(async (edition: string, o: { start: string; title?: string; as: string }) => {
      await withClient(async (client) => {
        const result = await act(cycleHandle(client, edition), councilMovedUpdate, {
          args: [{ as: o.as, start: instant(o.start, 'America/New_York', '--start'), title: o.title }],
        });
        if (output().json) return printJson(result);
        printCouncilMove(result, edition, o.as, output().t);
      });
    });

  cycle
    .command('follow-council <edition>')
    .description('apply the pending proposal: the meeting moves to coincide with the Security Council again')
    .addOption(asOption())
    .addHelpText('after', '\nExample:\n  $ convene cycle follow-council 27 --as amina.rahman@un.example.org')
    .action(async (edition: string, o: { as: string }) => {
      await withClient(async (client) => {
        const status = await act(cycleHandle(client, edition), followCouncilUpdate, { args: [{ as: o.as }] });
        if (output().json) return printJson(status);
        console.log(output().t.t('cli.council.followed'));
        printCycleStatus(status, output().t);
      });
    });

  cycle
    .command('cancel <edition>')
    .description('cancel the cycle: groups closed, cancellation notices and calendar cancellations sent')
    .requiredOption('--reason <text>', 'why; it is sent to everyone')
    .addOption(asOption())
    .action(async (edition: string, o: { reason: string; as: string }) => {
      await withClient(async (client) => {
        const result = await act(cycleHandle(client, edition), cancelUpdate, {
          args: [{ as: o.as, reason: o.reason }],
        });
        if (output().json) return printJson(result);
        const { t } = output();
        console.log(t.t('cli.cycle.cancelled', { time: formatTime(t, result.cancelledAt, 'UTC') }));
      });
    });
  registerDraftNext(cycle, output);
}

export async function queryStatus(
  handle: ReturnType<typeof cycleHandle>,
  edition: string,
): Promise<CycleStatus> {
  try {
    return await handle.query(cycleStatusQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) {
      throw new UserError('cli.error.noCycleLaunch', {
        edition,
        command: '`convene cycle start <spec> --as <organizer>`',
      });
    }
    throw err;
  }
}

/** The first answer once the timeline is planned, so `start` can show the milestones. */
/** The named Council session's own date, when it runs on this server (else the file's date is used). */
async function councilSessionDate(
  client: Client,
  workflowId: string | undefined,
): Promise<CouncilSessionDate | undefined> {
  if (!workflowId) return undefined;
  try {
    const { meeting } = await client.workflow.getHandle(workflowId).query(councilStatusQuery);
    return { workflowId, start: meeting.start, timeZone: meeting.timeZone };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

async function waitForTimeline(handle: WorkflowHandle): Promise<CycleStatus> {
  for (let i = 0; i < 100; i++) {
    const status = await handle.query(cycleStatusQuery);
    if (status.milestones.length || status.phase === 'cancelled') return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  return handle.query(cycleStatusQuery);
}

/** A date-time as typed (local in `zone`, or with an offset) as an instant. */
export function instant(value: string, zone: string, option: string): string {
  try {
    return localDateTime(value, zone, option).toUTC().toISO()!;
  } catch (err) {
    throw new UserError('cli.error.optionProblem', {
      option,
      problem: err instanceof CalendarError ? err.phrase : (err as Error).message,
    });
  }
}

/** What a Council move did, as an organizer reads it: still coinciding, followed, or a proposal. */
function printCouncilMove(r: CouncilMoveResult, edition: string, as: string, t: Output['t']): void {
  const why = saidOr(r.coincidence.said, r.coincidence.explanation, t);
  if (r.coincidence.coincide) return console.log(t.t('cli.council.stillCoincide', { why }));
  if (r.followed) return console.log(t.t('cli.council.movedOnItsOwn', { why }));
  console.log(t.t('cli.council.lost', { why }));
  if (!r.proposal) return;
  console.log(
    t.t('cli.council.proposal', {
      start: r.proposal.start,
      end: r.proposal.end,
      command: `convene cycle follow-council ${edition} --as ${as}`,
    }),
  );
  for (const m of r.proposal.milestones) console.log(`  ${m.name}: ${m.display}`);
}
