-- The portal's shared state, so that any instance serves any request: sign-in links (only their
-- sha256; the link itself is in the person's mail), sessions (the sha256 of the cookie's id) and
-- the counters of the sign-in rate limits, one row per bucket and minute.
create table portal_sign_in_links (
  token_sha256 text primary key,
  email text not null,
  next_path text not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

create table portal_sessions (
  id_sha256 text primary key,
  email text not null,
  expires_at timestamptz not null,
  ended_at timestamptz,
  created_at timestamptz not null default now()
);
create index portal_sessions_by_email on portal_sessions (email);

create table portal_rate_limits (
  bucket text not null,
  minute timestamptz not null,
  hits integer not null,
  primary key (bucket, minute)
);
