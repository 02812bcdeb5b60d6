#!/usr/bin/env node
// Runs before `npm start` and `npm test` (plain Node, no dependencies): installs the npm packages
// on a fresh clone, or again when package-lock.json changed, so the README needs no extra step.
const { execSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');

const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  console.error('Installing the npm packages (npm ci): first run or package-lock.json changed…');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
