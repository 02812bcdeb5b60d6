/** Telling the organizer that a message could not be delivered for good. */
import { facts, paragraph } from '../body';
import type { MessageData } from '../messages';
import { hlm, type Template } from './context';

export const deliveryFailure: Template<MessageData<'delivery-failure'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · mail not delivered to ${d.failed.recipient.name}`,
  reason: `you organize HLM ${d.edition.number} and a message of its preparation could not be delivered`,
  body: [
    paragraph(
      'The mail server refused a message for good, so it will not be tried again. Please check the address in the directory of organizations, or reach the person another way.',
    ),
    facts(
      ['Message', d.failed.subject],
      ['Recipient', `${d.failed.recipient.name} <${d.failed.recipient.email}>`],
      ['Server reply', d.failed.serverReply],
      ['Refused', time(d.failed.at)],
    ),
  ],
});
