/**
 * `convene committee …`: the standing committee's digest (now, without waiting for the period),
 * its ideas for the next meeting, its review schedule and what it carries forward.
 */
import { act, asOption } from '../act';
import type { Command } from 'commander';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { createCommitteeActivities, type CommitteeActivities } from '../../activities/committee';
import { ensureCommittee } from '../../clients/committee';
import { committeePolicyOf, loadStandingCommittee } from '../../config/committee';
import { loadDirectory } from '../../config/directory';
import type { Settings } from '../../config/settings';
import {
  carryForwardAgendaItems,
  DIGEST_SECTIONS,
  type Digest,
  type DigestSection,
} from '../../domain/committee';
import { addIsoDuration } from '../../domain/duration';
import type { ReviewMeetingReceipt } from '../../domain/standing-committee';
import {
  cancelReviewMeetingUpdate,
  committeeStatusQuery,
  moveReviewMeetingUpdate,
  proposeIdeaUpdate,
  scheduleReviewUpdate,
  sendDigestNowUpdate,
  type CommitteeStatus,
} from '../../workflows/definitions/standing-committee';
import { printJson, printTable, UserError, type Output } from '../output';
import { withClient } from '../temporal';

const committeeAt = (settings: Settings) => ({
  taskQueue: settings.taskQueue,
  workflowId: settings.committeeWorkflowId,
});

/** Fills in `convene committee` (its name and description are in cli/main.ts). */
export function registerCommittee(command: Command, output: () => Output): void {
  const committee = command;
  registerDigest(committee, output);
  registerIdea(committee, output);
  registerSchedule(committee, output);
  registerReviewMeeting(committee, output);
  registerStatus(committee, output);
  registerCarryForward(committee, output);
}

function activitiesFor(client: Client, settings: Settings): CommitteeActivities {
  const directory = loadDirectory(settings.directoryFile);
  return createCommitteeActivities({
    settings,
    directory,
    committee: loadStandingCommittee(directory),
    client: () => Promise.resolve(client),
  });
}

async function committeeStatus(client: Client, settings: Settings): Promise<CommitteeStatus | undefined> {
  try {
    return await client.workflow.getHandle(committeeAt(settings).workflowId).query(committeeStatusQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

// ── digest ──────────────────────────────────────────────────────────────────────────────────────────

function registerDigest(committee: Command, output: () => Output): void {
  committee
    .command('digest')
    .description('the implementation digest now: overdue, stalled, due soon, awaiting verification, verified')
    .option(
      '--since <datetime>',
      'report from this instant (default: the last digest, or one review period ago)',
    )
    .option('--send', 'also mail it to every member now (give --as: a member or an organizer)')
    .option('--as <email>', 'who asks for the mailing (with --send)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ convene committee digest\n  $ convene --json committee digest --since 2007-01-01T00:00:00Z\n  $ convene committee digest --send --as jonas.berg@un.example.org',
    )
    .action(async (o: { since?: string; send?: boolean; as?: string }) => {
      await withClient(async (client, settings) => {
        if (o.send) {
          if (!o.as) throw new UserError('--send needs --as <email> (a committee member or an organizer)');
          const handle = await ensureCommittee(client, committeeAt(settings));
          const record = await act(handle, sendDigestNowUpdate, { args: [{ as: o.as }] });
          if (output().json) return printJson(record);
          console.log(
            `Digest mailed to ${record.recipients.length} member(s): ${JSON.stringify(record.counts)}.`,
          );
          return;
        }
        const digest = await digestNow(client, settings, o.since);
        if (output().json) return printJson(digest);
        printDigest(digest);
      });
    });
}

async function digestNow(client: Client, settings: Settings, since?: string): Promise<Digest> {
  if (since !== undefined && Number.isNaN(Date.parse(since))) {
    throw new UserError(`--since must be an ISO date-time such as 2007-01-01T00:00:00Z; got "${since}"`);
  }
  const status = await committeeStatus(client, settings);
  const activities = activitiesFor(client, settings);
  const directory = loadDirectory(settings.directoryFile);
  const period = committeePolicyOf(settings, loadStandingCommittee(directory)).reviewPeriod;
  const from =
    since ?? status?.lastDigestAt ?? new Date(addIsoDuration(Date.now(), period, -1)).toISOString();
  const ideas = (status?.ideas ?? []).filter((i) => Date.parse(i.proposedAt) >= Date.parse(from));
  return activities.buildDigest({ from, ideas });
}

export function printDigest(digest: Digest): void {
  console.log(`Implementation digest, ${digest.period.from} to ${digest.period.to}`);
  console.log(
    `${digest.totals.tracked} decision(s) listed: ${digest.totals.open} open, ${digest.totals.closed} closed in the period.\n`,
  );
  for (const [section, title] of Object.entries(DIGEST_SECTIONS) as Array<[DigestSection, string]>) {
    const entries = digest[section];
    console.log(`${title} (${entries.length})`);
    for (const d of entries) {
      console.log(
        `  ${d.edition}/${d.ref}  ${digest.acronyms[d.lead] ?? d.lead}  due ${d.dueDate.slice(0, 10)}  ${d.title}`,
      );
    }
  }
  console.log('\nBy organization');
  printTable(
    ['org', 'leads', 'open', 'overdue', 'stalled', 'claimed', 'verified'],
    digest.byOrganization.map((t) =>
      [
        digest.acronyms[t.organization] ?? t.organization,
        t.leads,
        t.open,
        t.overdue,
        t.stalled,
        t.awaitingVerification,
        t.verifiedSince,
      ].map(String),
    ),
  );
  console.log(`\nIdeas for the next meeting (${digest.ideas.length})`);
  for (const idea of digest.ideas)
    console.log(`  ${idea.title} — ${idea.proposedByName}, ${idea.proposedAt.slice(0, 10)}`);
}

// ── idea, schedule, status, carry-forward ───────────────────────────────────────────────────────────

function registerIdea(committee: Command, output: () => Output): void {
  committee
    .command('idea')
    .description('(member) propose an idea for the next meeting')
    .requiredOption('--text <text>', 'the idea')
    .option('--title <title>', 'a short name (default: its first sentence)')
    .option('--idea-id <id>', 'your id for it: sending it twice keeps it once')
    .addOption(asOption())
    .addHelpText(
      'after',
      '\nExample:\n  $ convene committee idea --text "A joint early-warning workshop with the AU and IGAD" --as committee@eu.example.org',
    )
    .action(async (o: { text: string; title?: string; ideaId?: string; as: string }) => {
      await withClient(async (client, settings) => {
        const handle = await ensureCommittee(client, committeeAt(settings));
        const receipt = await act(handle, proposeIdeaUpdate, {
          args: [
            {
              as: o.as,
              text: o.text,
              ...(o.title ? { title: o.title } : {}),
              ...(o.ideaId ? { ideaId: o.ideaId } : {}),
            },
          ],
          ...(o.ideaId ? { updateId: `idea-${o.ideaId}` } : {}),
        });
        if (output().json) return printJson(receipt);
        console.log(
          `${receipt.duplicate ? 'Already kept' : 'Kept'}: idea ${receipt.id} for the next meeting.`,
        );
      });
    });
}

function registerSchedule(committee: Command, output: () => Output): void {
  committee
    .command('schedule')
    .description('(chair or organizer) set the next review: the digest goes out then')
    .requiredOption('--at <datetime>', 'when, with offset, e.g. 2007-03-15T10:00:00-04:00')
    .addOption(asOption())
    .action(async (o: { at: string; as: string }) => {
      await withClient(async (client, settings) => {
        const handle = await ensureCommittee(client, committeeAt(settings));
        const result = await act(handle, scheduleReviewUpdate, { args: [{ as: o.as, at: o.at }] });
        if (output().json) return printJson(result);
        console.log(`Next review and digest: ${result.nextReviewAt}.`);
      });
    });
}

function registerReviewMeeting(committee: Command, output: () => Output): void {
  const print = (receipt: ReviewMeetingReceipt, what: string) => {
    if (output().json) return printJson(receipt);
    if (!receipt.meeting) return console.log(`No review meeting is planned: nothing to ${what}.`);
    console.log(
      `${receipt.changed ? 'Members told' : 'Nothing changed'}: ${describeReviewMeeting(receipt.meeting)}`,
    );
  };
  committee
    .command('review-move')
    .description('(chair or organizer) move the review meeting; every member gets the updated calendar entry')
    .requiredOption('--at <datetime>', 'the new start, with offset, e.g. 2007-04-12T14:00:00Z')
    .addOption(asOption())
    .action(async (o: { at: string; as: string }) => {
      await withClient(async (client, settings) => {
        const handle = await ensureCommittee(client, committeeAt(settings));
        print(await act(handle, moveReviewMeetingUpdate, { args: [{ as: o.as, at: o.at }] }), 'move');
      });
    });
  committee
    .command('review-cancel')
    .description('(chair or organizer) cancel the review meeting; the calendar entry is removed')
    .addOption(asOption())
    .action(async (o: { as: string }) => {
      await withClient(async (client, settings) => {
        const handle = await ensureCommittee(client, committeeAt(settings));
        print(await act(handle, cancelReviewMeetingUpdate, { args: [{ as: o.as }] }), 'cancel');
      });
    });
}

function describeReviewMeeting(m: NonNullable<ReviewMeetingReceipt['meeting']>): string {
  const state = m.cancelledAt ? `cancelled ${m.cancelledAt}` : `${m.start} to ${m.end}`;
  return `review meeting ${state} (calendar entry ${m.id}, sequence ${m.sequence}).`;
}

function registerStatus(committee: Command, output: () => Output): void {
  committee
    .command('status')
    .description('members, ideas, digests sent, the next review')
    .action(async () => {
      await withClient(async (client, settings) => {
        const status = await committeeStatus(client, settings);
        if (!status)
          throw new UserError(
            'The standing committee is not running yet: it starts with the first decisions or idea.',
          );
        if (output().json) return printJson(status);
        console.log(
          `Standing committee (run ${status.run}): ${status.members.length} members; next digest ${status.nextDigestAt}.`,
        );
        console.log(
          `Ideas: ${status.ideas.length}; digests sent: ${status.digests.length}; last period ended ${status.lastDigestAt}.`,
        );
        for (const d of status.digests.slice(-3)) {
          const slot = d.reviewSlot ? `; review proposed ${d.reviewSlot.start}` : '';
          console.log(`  digest ${d.at}: ${JSON.stringify(d.counts)}${slot}`);
        }
        if (status.reviewMeeting) console.log(describeReviewMeeting(status.reviewMeeting));
      });
    });
}

function registerCarryForward(committee: Command, output: () => Output): void {
  committee
    .command('carry-forward')
    .description("what goes on the next meeting's agenda: unverified decisions and the committee's ideas")
    .option('--since <datetime>', 'ideas proposed since this instant (the last meeting)')
    .action(async (o: { since?: string }) => {
      await withClient(async (client, settings) => {
        const carry = await activitiesFor(client, settings).getCarryForward(
          o.since ? { sinceIso: o.since } : {},
        );
        if (output().json) return printJson(carry);
        for (const item of carryForwardAgendaItems(carry)) {
          console.log(`${item.title}\n  ${item.description}`);
          for (const line of item.lines) console.log(`  - ${line}`);
        }
      });
    });
}
