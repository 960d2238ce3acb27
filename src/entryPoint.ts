/**
 * What both entry points (src/main.ts, src/cli.ts) need to know about how they were started.
 *
 * `npm start` and `npx fm-lotse` run the compiled program in dist/ (`npm run build`; `npm ci` builds it).
 * In a checkout, sources edited or pulled after that build would silently not run, so the entry points warn.
 * Only a few stat calls: an installation without sources, or the sources run directly (tsx), skip it.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_DIRS = ['src', 'commands', 'jobs'];

/** The newest source file (relative to the checkout) when it is newer than the compiled entry point. */
export function newerSource(entryUrl: string): string | undefined {
  const entry = fileURLToPath(entryUrl);
  // dist/src/<entry>.js: the checkout is two folders above dist/src.
  const distSrc = path.dirname(entry);
  if (!entry.endsWith('.js') || path.basename(path.dirname(distSrc)) !== 'dist') return undefined;
  const root = path.dirname(path.dirname(distSrc));
  let builtAt: number;
  try {
    builtAt = statSync(entry).mtimeMs;
  } catch {
    return undefined;
  }
  let newest: { file: string; mtime: number } | undefined;
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // no sources here (installed package)
    }
    for (const e of entries) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) visit(file);
      else if (e.name.endsWith('.ts')) {
        const mtime = statSync(file).mtimeMs;
        if (mtime > builtAt && mtime > (newest?.mtime ?? 0)) newest = { file, mtime };
      }
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(root, dir));
  return newest && path.relative(root, newest.file);
}

/** True when `importMetaUrl` is the module node was started with (`node dist/src/main.js`), symlinks resolved. */
export function isEntryPoint(importMetaUrl: string): boolean {
  const started = process.argv[1];
  if (!started) return false;
  try {
    return realpathSync(started) === realpathSync(fileURLToPath(importMetaUrl));
  } catch {
    return false;
  }
}
