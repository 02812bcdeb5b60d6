/** From message data to a finished message (subject, HTML, text) for one recipient. */
import { translator, type Translator } from '../../i18n/catalog';
import { formatTime as formatInLanguage } from '../../i18n/dates';
import type { RecipientInput } from '../fields';
import { layout, type Letter, type RenderedMessage } from '../layout';
import type { Message } from '../messages';
import type { TemplateContext } from './context';
import * as council from './council';
import * as decisions from './decisions';
import { deliveryFailure } from './delivery';
import * as inputs from './inputs';
import * as meeting from './meeting';

export interface RenderOptions {
  recipient: RecipientInput;
  meetingZone: string;
  rehearsal: boolean;
}

/** One recipient's copy, written in their language and showing times in their zone and the meeting's. */
export function renderMessage(message: Message, options: RenderOptions): RenderedMessage {
  const t = translator(options.recipient.language);
  const ctx: TemplateContext = {
    recipient: options.recipient,
    translator: t,
    t: (key, values) => t.t(key, values),
    time: (instant) => formatTime(t, instant, options.recipient.timeZone, options.meetingZone),
  };
  const { edition, contact } = message.data;
  return layout(write(message, ctx), { edition, contact, rehearsal: options.rehearsal }, t);
}

/**
 * A mailing to sixty focal points shows the same few instants in a handful of zones; formatting
 * (time-zone rules, abbreviations) is the costliest part of rendering, so answers are kept.
 */
const formatted = new Map<string, string>();

function formatTime(t: Translator, instant: string, recipientZone: string, meetingZone: string): string {
  const key = `${t.language}|${instant}|${recipientZone}|${meetingZone}`;
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= 5_000) formatted.clear();
    text = formatInLanguage(t, instant, recipientZone, meetingZone);
    formatted.set(key, text);
  }
  return text;
}

function write(message: Message, ctx: TemplateContext): Letter {
  switch (message.kind) {
    case 'call-for-inputs':
      return inputs.callForInputs(message.data, ctx);
    case 'input-reminder':
      return inputs.inputReminder(message.data, ctx);
    case 'input-overdue':
      return inputs.inputOverdue(message.data, ctx);
    case 'input-escalation':
      return inputs.inputEscalation(message.data, ctx);
    case 'revision-requested':
      return inputs.revisionRequested(message.data, ctx);
    case 'input-accepted':
      return inputs.inputAccepted(message.data, ctx);
    case 'extension-granted':
      return inputs.extensionGranted(message.data, ctx);
    case 'extension-denied':
      return inputs.extensionDenied(message.data, ctx);
    case 'input-received':
      return inputs.inputReceived(message.data, ctx);
    case 'extension-requested':
      return inputs.extensionRequested(message.data, ctx);
    case 'final-agenda':
      return meeting.finalAgenda(message.data, ctx);
    case 'draft-agenda':
      return meeting.draftAgenda(message.data, ctx);
    case 'invitation':
      return meeting.invitation(message.data, ctx);
    case 'reschedule-notice':
      return meeting.rescheduleNotice(message.data, ctx);
    case 'coincidence-lost':
      return meeting.coincidenceLost(message.data, ctx);
    case 'council-move-proposal':
      return meeting.councilMoveProposal(message.data, ctx);
    case 'cancellation':
      return meeting.cancellation(message.data, ctx);
    case 'outcome-report':
      return meeting.outcomeReport(message.data, ctx);
    case 'council-invitation':
      return council.councilInvitation(message.data, ctx);
    case 'council-reminder':
      return council.councilReminder(message.data, ctx);
    case 'council-unanswered':
      return council.councilUnanswered(message.data, ctx);
    case 'council-session-moved':
      return council.councilSessionMoved(message.data, ctx);
    case 'council-decline-noted':
      return council.councilDeclineNoted(message.data, ctx);
    case 'council-cycle-moved':
      return council.councilCycleMoved(message.data, ctx);
    case 'council-outcome':
      return council.councilOutcome(message.data, ctx);
    case 'decision-progress-request':
      return decisions.decisionProgressRequest(message.data, ctx);
    case 'decision-due-soon':
      return decisions.decisionDueSoon(message.data, ctx);
    case 'decision-overdue':
      return decisions.decisionOverdue(message.data, ctx);
    case 'decision-escalation':
      return decisions.decisionEscalation(message.data, ctx);
    case 'decision-update':
      return decisions.decisionUpdate(message.data, ctx);
    case 'committee-digest':
      return decisions.committeeDigest(message.data, ctx);
    case 'committee-review-invitation':
      return decisions.committeeReviewInvitation(message.data, ctx);
    case 'committee-review-cancelled':
      return decisions.committeeReviewCancelled(message.data, ctx);
    case 'delivery-failure':
      return deliveryFailure(message.data, ctx);
  }
}
