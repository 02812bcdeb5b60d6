/**
 * The notifications module: message schemas and templates, calendar invites, transports and the
 * sent-ledger. Workflows `import type` from here; the worker builds the transport and ledger.
 */
export * from './fields';
export * from './messages';
export * from './request';
export { composeMail, type Envelope } from './compose';
export { meetingUid, calendarInvite, type CalendarPart } from './ics';
export { layout, type Letter, type RenderedMessage } from './layout';
export { renderMessage, type RenderOptions } from './templates';
export { deliveryKey, messageIdFor } from './message-id';
export { MessageInFlightError, type CopyKey, type Ledger, type Outcome, type SentRecord } from './ledger';
export {
  MailConfigurationError,
  MailTemporaryError,
  toMailOptions,
  type MailTransport,
  type OutgoingMail,
  type SendOutcome,
} from './outgoing';
export { createTransport, type TransportSettings } from './transport';
