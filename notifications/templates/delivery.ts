/** Telling the organizer that a message could not be delivered for good. */
import { facts, paragraph } from '../body';
import type { MessageData } from '../messages';
import { shortName, type Template } from './context';
import { reasonFor } from './reason';

export const deliveryFailure: Template<MessageData<'delivery-failure'>> = (d, { t, time, recipient }) => ({
  subject: t('delivery.subject', { hlm: shortName(d.edition, t), name: d.failed.recipient.name }),
  reason:
    d.edition.series === 'council'
      ? t('council.reason.organizer', { year: d.edition.number })
      : reasonFor(d, { t, recipient }, 'organizer', { organizer: 'reason.organizerDelivery' }),
  body: [
    paragraph(t('delivery.body')),
    facts(
      [t('label.message'), d.failed.subject],
      [
        t('label.recipient'),
        t('mail.person', { name: d.failed.recipient.name, email: d.failed.recipient.email }),
      ],
      [t('label.serverReply'), d.failed.serverReply],
      [t('label.refused'), time(d.failed.at)],
    ),
  ],
});
