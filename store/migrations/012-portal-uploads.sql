-- Background papers uploaded through the portal: the bytes sealed at rest with the payload codec's
-- keys (codec/at-rest.ts), and in clear only what an input carries about them (type, size, the
-- sha256 of the bytes as uploaded). Each belongs to the working group it was uploaded for.
create table portal_uploads (
  id text primary key,
  group_workflow_id text not null,
  uploaded_by text not null,
  name text not null,
  media_type text not null,
  size integer not null check (size > 0),
  sha256 text not null,
  content bytea not null,
  created_at timestamptz not null default now()
);
create index portal_uploads_by_group on portal_uploads (group_workflow_id);
