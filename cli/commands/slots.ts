/**
 * `convene slots`: fair meeting times for any set of organizations. Each one's zone, working hours,
 * weekend and holidays come from the directory; the unsocial hours borne at the committee's earlier
 * reviews are rotated onto others.
 */
import type { Command } from 'commander';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { loadHolidayCalendars } from '../../calendar/holidays';
import { findFairSlots } from '../../calendar/slots';
import type { FairSlots } from '../../calendar/contracts';
import { loadStandingCommittee } from '../../config/committee';
import { loadDirectory, type Directory } from '../../config/directory';
import type { Settings } from '../../config/settings';
import { slotParticipant } from '../../config/slot-participants';
import { reviewBurdenOf } from '../../domain/standing-committee';
import { committeeStatusQuery } from '../../workflows/definitions/standing-committee';
import type { Translator } from '../../i18n/catalog';
import { printJson, printTable, UserError, type Output } from '../output';
import { withClient } from '../temporal';

interface SlotsOptions {
  orgs: string;
  duration: string;
  between: string[];
  limit: string;
}

/** Fills in `convene slots` (its name and description are in cli/main.ts). */
export function registerSlots(command: Command, output: () => Output): void {
  command
    .requiredOption('--orgs <ids>', 'organization ids, comma-separated (see `convene orgs list`)')
    .requiredOption('--duration <length>', 'how long the meeting lasts: 90m, 2h, 1h30m or PT90M')
    .requiredOption(
      '--between <dates...>',
      'the first and last day to consider (UTC), e.g. 2027-03-01 2027-03-31',
    )
    .option('--limit <n>', 'how many proposals', '5')
    .addHelpText(
      'after',
      `
Each proposal shows every organization's local time; a * marks a time outside its working hours.
Organizations that bore unsocial hours at the standing committee's earlier reviews are spared first.

Example:
  $ convene slots --orgs au,eu,pif --duration 90m --between 2027-03-01 2027-03-31`,
    )
    .action(async (o: SlotsOptions) => {
      await withClient(async (client, settings) => {
        const directory = loadDirectory(settings.directoryFile);
        const calendars = loadHolidayCalendars(); // read once, not once per organization
        const slots = findFairSlots({
          participants: organizationsOf(o.orgs, directory).map((org) => slotParticipant(org, calendars)),
          duration: isoDuration(o.duration),
          ...window(o.between),
          step: 'PT30M',
          history: await pastBurden(client, settings, directory),
          limit: positive(o.limit, '--limit'),
        });
        if (output().json) return printJson(slots);
        printSlots(slots, output().t);
      });
    });
}

function organizationsOf(ids: string, directory: Directory) {
  return ids
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter(Boolean)
    .map((id) => {
      const org = directory.get(id);
      if (!org) {
        const known = directory.organizations.map((x) => x.id).join(', ');
        throw new UserError('cli.error.orgsUnknown', { id, known });
      }
      return org;
    });
}

/** "90m", "2h", "1h30m" or an ISO duration, as ISO. */
export function isoDuration(text: string): string {
  if (/^P/i.test(text)) return text.toUpperCase();
  const m = /^(?:(\d+)h)?(?:(\d+)m)?$/i.exec(text.trim());
  if (!m || (!m[1] && !m[2])) {
    throw new UserError('cli.error.durationOption', { got: text });
  }
  return `PT${m[1] ? `${m[1]}H` : ''}${m[2] ? `${m[2]}M` : ''}`;
}

function window(between: string[]): { from: string; to: string } {
  const [first, last] = between;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (between.length !== 2 || !day.test(first ?? '') || !day.test(last ?? '')) {
    throw new UserError('cli.error.betweenTwoDays');
  }
  const from = Date.parse(`${first}T00:00:00Z`);
  const to = Date.parse(`${last}T00:00:00Z`) + 86_400_000;
  if (Number.isNaN(from) || Number.isNaN(to) || to <= from) {
    throw new UserError('cli.error.betweenOrder', { first: String(first), last: String(last) });
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

function positive(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UserError('cli.error.positiveOption', { option, got: text });
  return n;
}

/** Who, by organization, was outside working hours at each review the committee has proposed. */
async function pastBurden(client: Client, settings: Settings, directory: Directory) {
  const members = new Map(
    loadStandingCommittee(directory).roster.members.map((m) => [m.email, m.organization]),
  );
  try {
    const status = await client.workflow.getHandle(settings.committeeWorkflowId).query(committeeStatusQuery);
    // The review meetings the committee held, as its next review slot counts them.
    return reviewBurdenOf(status, new Date().toISOString()).map((inconvenienced) => ({
      inconvenienced: inconvenienced.map((email) => members.get(email) ?? email),
    }));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return [];
    throw err;
  }
}

function printSlots(result: FairSlots, t: Translator): void {
  if (!result.slots.length) {
    console.log(t.t('cli.slots.none'));
    return;
  }
  const ids = result.slots[0]!.participants.map((p) => p.id);
  printTable(
    [t.t('cli.col.startUtc'), ...ids, t.t('cli.col.unsocialHours')],
    result.slots.map((slot) => [
      slot.start.slice(0, 16).replace('T', ' '),
      ...slot.participants.map(
        (p) => `${p.localStart.slice(5, 16).replace('T', ' ')}${p.insideWorkingHours ? '' : '*'}`,
      ),
      slot.inconvenienced.join(', ') || t.t('cli.slots.nobody'),
    ]),
  );
  console.log(`\n${t.t('cli.slots.considered', { count: result.candidatesConsidered })}`);
}
