/**
 * Files under the data folder hold what people wrote (mail, documents, the history, the store):
 * a process of the engine creates them readable by its own user only, 0600 for files and 0700 for
 * folders, and so do the servers it starts (the dev server's SQLite file), which inherit the mask.
 */
export function createFilesPrivately(): void {
  process.umask(0o077);
}
