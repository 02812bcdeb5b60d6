-- Rendered meeting documents: every version of every document of a cycle, with the sha256 of its
-- content, so the cycle's status names a version any machine can fetch and check.
create table documents (
  cycle_id text not null,
  kind text not null,
  version integer not null check (version > 0),
  sha256 text not null,
  markdown text not null,
  html text not null,
  created_at timestamptz not null default now(),
  primary key (cycle_id, kind, version)
);
