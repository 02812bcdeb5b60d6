/**
 * Every word the portal shows, through one seam: `label(language, key, values)`. Until the message
 * catalogs (locales/) are merged this holds the English text; switching to them changes this file
 * only. Keys are stable names; `{name}` marks a value.
 */
const EN = {
  'portal.title': 'convene portal',
  'portal.skip': 'Skip to the content',
  'nav.home': 'Your work',
  'nav.signOut': 'Sign out',
  'nav.signOutEverywhere': 'Sign out everywhere',
  'nav.signedInAs': 'Signed in as {email}',
  'signIn.title': 'Sign in',
  'signIn.intro':
    'Enter your e-mail address. If it belongs to someone taking part in the high-level meetings, we mail you a link that signs you in.',
  'signIn.email': 'E-mail address',
  'signIn.send': 'Mail me a sign-in link',
  'signIn.sent.title': 'Check your mail',
  'signIn.sent.body':
    'If {email} belongs to someone taking part, a sign-in link is on its way. It works once, for {minutes} minutes.',
  'signIn.invalidEmail': 'Enter an e-mail address such as name@example.org.',
  'signIn.tooMany': 'Too many sign-in requests. Wait a minute, then ask again.',
  'signIn.confirm.title': 'Confirm sign-in',
  'signIn.confirm.body': 'Sign in as {email}? The link works once.',
  'signIn.confirm.button': 'Sign in',
  'signIn.expired.title': 'This link no longer works',
  'signIn.expired.body': 'Sign-in links work once, for {minutes} minutes. Ask for a new one.',
  'signIn.expired.again': 'Ask for a new link',
  'signIn.mail.subject': 'Your sign-in link for convene',
  'signIn.mail.body':
    'Someone (we hope you) asked to sign in to convene as {email}. Open this link within {minutes} minutes to sign in; it works once:',
  'signIn.mail.ignore': 'If you did not ask, ignore this message: nothing happens without the link.',
  'signOut.everywhere.done': 'You are signed out on every device ({count} sessions ended).',
  'home.title': 'Your work',
  'home.groups': 'Your working groups',
  'home.review': 'Inputs to review',
  'home.noGroups': 'No working group of a running cycle names you as its chair.',
  'home.noReview': 'No input awaits review.',
  'group.title': '{group} working group — HLM {edition}',
  'group.status': 'Status',
  'group.deadline': 'Input due',
  'group.lateUntil': 'Late inputs accepted until',
  'group.empty': 'No input yet; due {deadline}.',
  'group.versions': 'Versions',
  'group.version': 'Version {version}, received {at}',
  'group.late': 'late',
  'group.onTime': 'on time',
  'group.reviewedAccepted': 'Accepted by {by}, {at}',
  'group.reviewedRevise': 'Revision asked by {by}, {at}:',
  'group.notYours':
    'This page belongs to the chair of this working group and the organizers. You are signed in as {email}.',
  'group.notFound': 'There is no such working group, or its cycle has ended.',
  'status.awaiting-input': 'awaiting input',
  'status.under-review': 'under review',
  'status.revision-requested': 'revision requested',
  'status.accepted': 'accepted',
  'status.closed': 'closed',
  'status.cancelled': 'cancelled',
  'submit.title': 'Submit the input',
  'submit.revise': 'Submit a revised input',
  'submit.summary': 'Summary',
  'submit.item': 'Agenda item {n}',
  'submit.itemTitle': 'Title',
  'submit.itemDescription': 'Description',
  'submit.itemArea': 'Area',
  'submit.itemDuration': 'Duration (minutes)',
  'submit.itemHint': 'Leave an item empty to propose fewer.',
  'submit.recommendation': 'Draft recommendation {n}',
  'submit.paper': 'Background paper {n}',
  'submit.paperTitle': 'Title',
  'submit.paperLink': 'Link (https://…)',
  'submit.button': 'Submit',
  'receipt.title': 'Receipt',
  'receipt.body': 'Received: {group}, version {version}, at {at} — {timeliness}. Deadline: {deadline}.',
  'receipt.duplicate': 'This exact input was already in; nothing new was recorded.',
  'receipt.back': 'Back to the group',
  'review.title': 'Review version {version}',
  'review.accept': 'Accept',
  'review.comments': 'Comments for the chair',
  'review.revise': 'Ask for a revision',
  'extension.title': 'Ask for an extension',
  'extension.until': 'New deadline (date and time with offset, e.g. 2026-09-01T18:00:00-04:00)',
  'extension.reason': 'Reason',
  'extension.button': 'Ask for the extension',
  'extension.pending': 'Extension asked by {by} until {until}: {reason}',
  'extension.decide': 'Decide the extension',
  'extension.grant': 'Grant',
  'extension.deny': 'Deny',
  'extension.decisionReason': 'Reason (told to the chair)',
  'error.csrf':
    'This form has expired or did not come from this site. Go back, reload the page and send it again.',
  'error.signInNeeded': 'Sign in to continue.',
  'error.notFound': 'There is no such page.',
  'error.unavailable': 'Something failed on our side: {message}. Try again in a moment.',
  'error.rejected': 'Not done: {message}',
} as const;

export type LabelKey = keyof typeof EN;
export type Language = 'en';

export function label(
  _language: Language,
  key: LabelKey,
  values: Record<string, string | number> = {},
): string {
  return EN[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
