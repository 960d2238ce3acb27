// Part of `prepare` (npm ci, npm install): links bin/fm-lotse.js as node_modules/.bin/fm-lotse.
//
// Why: `npx fm-lotse …` in the checkout runs a command it finds in node_modules/.bin at once. For a command
// declared in the project's own package.json "bin", npm 11 instead installs a packed copy of the project into
// its npx cache (running `prepare`, i.e. the TypeScript build, ~10 s) and then runs that copy — slow the first
// time and stale after the sources change. So the project declares no "bin" and links its CLI here.
import fs from 'node:fs';
import path from 'node:path';

const dir = path.join('node_modules', '.bin');
const link = path.join(dir, 'fm-lotse');
fs.mkdirSync(dir, { recursive: true });
fs.rmSync(link, { force: true });
fs.symlinkSync(path.join('..', '..', 'bin', 'fm-lotse.js'), link);
