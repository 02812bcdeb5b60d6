-- The language the person reads, kept with their session when the configuration does not know it:
-- a chair or delegate is named in a cycle's specification, not in the directory, so without it
-- their pages would fall back to English while their mail comes in their own language.
alter table portal_sessions add column language text;
