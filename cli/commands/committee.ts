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
import type { Translator } from '../../i18n/catalog';
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
          if (!o.as) throw new UserError('cli.error.sendNeedsAs');
          const handle = await ensureCommittee(client, committeeAt(settings));
          const record = await act(handle, sendDigestNowUpdate, { args: [{ as: o.as }] });
          if (output().json) return printJson(record);
          console.log(
            output().t.t('cli.committee.digestMailed', {
              count: record.recipients.length,
              counts: JSON.stringify(record.counts),
            }),
          );
          return;
        }
        const digest = await digestNow(client, settings, o.since);
        if (output().json) return printJson(digest);
        printDigest(digest, output().t);
      });
    });
}

async function digestNow(client: Client, settings: Settings, since?: string): Promise<Digest> {
  if (since !== undefined && Number.isNaN(Date.parse(since))) {
    throw new UserError('cli.error.sinceOption', { got: since });
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

/** The digest for a person, in their language; titles, names and references as they were written. */
export function printDigest(digest: Digest, t: Translator): void {
  console.log(t.t('cli.digest.heading', { from: digest.period.from, to: digest.period.to }));
  console.log(
    `${t.t('cli.digest.totals', { tracked: digest.totals.tracked, open: digest.totals.open, closed: digest.totals.closed })}\n`,
  );
  for (const section of Object.keys(DIGEST_SECTIONS) as DigestSection[]) {
    const entries = digest[section];
    console.log(t.t('cli.digest.section', { title: t.t(`cli.digest.${section}`), count: entries.length }));
    for (const d of entries) {
      const entry = t.t('cli.digest.entry', {
        ref: `${d.edition}/${d.ref}`,
        lead: digest.acronyms[d.lead] ?? d.lead,
        due: d.dueDate.slice(0, 10),
        title: d.title,
      });
      console.log(`  ${entry}`);
    }
  }
  console.log(`\n${t.t('cli.digest.byOrganization')}`);
  printTable(
    (
      [
        'cli.col.org',
        'cli.col.leads',
        'cli.col.open',
        'cli.col.overdue',
        'cli.col.stalled',
        'cli.col.claimed',
        'cli.col.verified',
      ] as const
    ).map((k) => t.t(k)),
    digest.byOrganization.map((o) =>
      [
        digest.acronyms[o.organization] ?? o.organization,
        o.leads,
        o.open,
        o.overdue,
        o.stalled,
        o.awaitingVerification,
        o.verifiedSince,
      ].map(String),
    ),
  );
  console.log(`\n${t.t('cli.digest.ideas', { count: digest.ideas.length })}`);
  for (const idea of digest.ideas) {
    const line = t.t('cli.digest.idea', {
      title: idea.title,
      by: idea.proposedByName,
      date: idea.proposedAt.slice(0, 10),
    });
    console.log(`  ${line}`);
  }
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
        const kept = receipt.duplicate ? 'cli.committee.ideaAlreadyKept' : 'cli.committee.ideaKept';
        console.log(output().t.t(kept, { id: receipt.id }));
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
        console.log(output().t.t('cli.committee.nextReview', { time: result.nextReviewAt }));
      });
    });
}

function registerReviewMeeting(committee: Command, output: () => Output): void {
  const print = (receipt: ReviewMeetingReceipt, what: 'move' | 'cancel') => {
    if (output().json) return printJson(receipt);
    const { t } = output();
    if (!receipt.meeting)
      return console.log(
        t.t(
          what === 'move' ? 'cli.committee.noReviewMeetingToMove' : 'cli.committee.noReviewMeetingToCancel',
        ),
      );
    const meeting = describeReviewMeeting(receipt.meeting, t);
    console.log(
      t.t(receipt.changed ? 'cli.committee.membersTold' : 'cli.committee.nothingChanged', { meeting }),
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

function describeReviewMeeting(m: NonNullable<ReviewMeetingReceipt['meeting']>, t: Translator): string {
  const entry = { id: m.id, sequence: m.sequence };
  return m.cancelledAt
    ? t.t('cli.committee.reviewMeetingCancelled', { at: m.cancelledAt, ...entry })
    : t.t('cli.committee.reviewMeeting', { start: m.start, end: m.end, ...entry });
}

function registerStatus(committee: Command, output: () => Output): void {
  committee
    .command('status')
    .description('members, ideas, digests sent, the next review')
    .action(async () => {
      await withClient(async (client, settings) => {
        const status = await committeeStatus(client, settings);
        if (!status) throw new UserError('cli.error.committeeNotRunning');
        if (output().json) return printJson(status);
        const { t } = output();
        console.log(
          t.t('cli.committee.status', {
            run: status.run,
            members: status.members.length,
            next: status.nextDigestAt,
          }),
        );
        console.log(
          t.t('cli.committee.statusCounts', {
            ideas: status.ideas.length,
            digests: status.digests.length,
            last: status.lastDigestAt,
          }),
        );
        for (const d of status.digests.slice(-3)) {
          const digest = { at: d.at, counts: JSON.stringify(d.counts) };
          const line = d.reviewSlot
            ? t.t('cli.committee.digestLineWithReview', { ...digest, start: d.reviewSlot.start })
            : t.t('cli.committee.digestLine', digest);
          console.log(`  ${line}`);
        }
        if (status.reviewMeeting) console.log(describeReviewMeeting(status.reviewMeeting, t));
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
