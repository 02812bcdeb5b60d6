/**
 * The fewest Temporal actions the example cycle can take, item by item, with why each is needed:
 * what bench-cycle compares its count with (issue 10 item 4: within 1.25× of this). Counted as
 * scripts/bench/actions.ts counts (a child's start is 2: the parent's command and the child's run).
 */
export interface CycleShape {
  groups: number;
  /** Reminders the groups sent (each a mail, after a wait for it). */
  reminders: number;
  /** Submissions of an input, first versions and revisions. */
  submissions: number;
  /** Reviews (accept or ask for a revision), each an Update and a mail to the submitters. */
  reviews: number;
  /** Mails the cycle itself sends: draft agenda, final agenda, invitation, outcome report. */
  cycleMails: number;
  /** Documents the cycle renders: draft agenda, final agenda, outcome report. */
  documents: number;
  /** Phases the cycle enters, each listed by its search attribute. */
  phases: number;
}

export interface MinimumItem {
  what: string;
  actions: number;
  why: string;
}

export function minimumActions(c: CycleShape): MinimumItem[] {
  return [
    {
      what: 'workflow starts',
      actions: 1 + 2 * c.groups,
      why: 'the cycle, and one child per group: each lives for weeks with its own Updates and history',
    },
    {
      what: 'Updates',
      actions: c.submissions + c.reviews + 2,
      why: 'one per user action: each submission and review, approving the agenda, recording the outcome',
    },
    {
      what: 'mails',
      actions: c.groups + c.reminders + c.submissions + c.reviews + c.cycleMails,
      why: 'one activity per message and audience: each call for inputs, reminder sent, receipt, review result, and the cycle’s own',
    },
    {
      what: 'other activities',
      actions: 1 + c.groups + c.documents + 2,
      why: 'time-zone arithmetic is not workflow code: the timeline, each group’s reminders (its people’s zones); each document rendered; the committee’s carry-forward; next year’s draft',
    },
    {
      what: 'timers',
      actions: 5 + c.groups + c.reminders,
      why: 'the cycle waits for the call for inputs, consolidation, the end of comments, the invitations and the meeting; each group for its next reminder, and again after each one sent',
    },
    {
      what: 'signals',
      actions: c.groups + c.submissions + c.reviews,
      why: 'a group tells its cycle when it opens and after each submission and review (the cycle’s status shows them); none to close groups that have all ended',
    },
    {
      what: 'search-attribute upserts',
      actions: c.phases,
      why: 'one per phase the cycle enters, so cycles can be listed by phase',
    },
  ];
}
