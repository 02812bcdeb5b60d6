-- The sent-ledger: one row per recipient of each message (the workflow's idempotency key and the
-- address). A row is a claim ('sending', with who claimed it and when) until the SMTP server has
-- answered, then the outcome ('sent').
create table sent_ledger (
  idempotency_key text not null,
  recipient text not null,
  state text not null check (state in ('sending', 'sent')),
  claimed_by text not null,
  claimed_at timestamptz not null,
  message_id text,
  status text check (status in ('delivered', 'rejected-permanently')),
  subject text,
  server_reply text,
  sent_at timestamptz,
  primary key (idempotency_key, recipient),
  check (state = 'sending' or (message_id is not null and status is not null and sent_at is not null))
);
