#!/usr/bin/env node
// The parent-death watch of a child the launcher starts (the Temporal dev server): a tiny plain-Node
// process that stops the child when the launcher is gone, even after a SIGKILL that gave the
// launcher no chance to clean up. Linux offers no such watch for a Go binary started from Node, so
// this polls: `node workers/orphan-guard.js <launcher pid> <child pid>`.
'use strict';

const [launcher, child] = process.argv.slice(2).map(Number);
const POLL_MS = 500;
const GRACE_MS = 5_000;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

if (!Number.isInteger(launcher) || !Number.isInteger(child)) {
  console.error('usage: orphan-guard.js <launcher pid> <child pid>');
  process.exit(2);
}

// The guard's own parent is the launcher: a change of parent (re-parented to init) means it died,
// even if its pid has since been reused.
const timer = setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (process.ppid === launcher && alive(launcher)) return;
  clearInterval(timer);
  process.kill(child, 'SIGTERM');
  setTimeout(() => {
    if (alive(child)) process.kill(child, 'SIGKILL');
    process.exit(0);
  }, GRACE_MS);
}, POLL_MS);
// Signals meant for the launcher's group (Ctrl-C) must not stop the watch before the launcher has
// stopped the child itself.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
