import * as path from 'node:path';

/** The repository root, found from this file whether it runs from source or from dist/. */
export const PROJECT_ROOT = (() => {
  const parts = __dirname.split(path.sep);
  const libs = parts.lastIndexOf('libs');
  const root = parts.slice(0, libs).join(path.sep) || path.sep;
  return path.basename(root) === 'dist' ? path.dirname(root) : root;
})();

/** Where local servers keep their data; override with DATA_DIR. */
export const DATA_DIR = process.env.DATA_DIR ?? path.join(PROJECT_ROOT, '.data');

/** Where the project installs the binaries it needs (Temporal CLI, test server). */
export const TOOLS_DIR = path.join(PROJECT_ROOT, '.tools');
