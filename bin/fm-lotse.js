#!/usr/bin/env node
// `npx fm-lotse …`: runs the compiled CLI in this process (dist/, built by `npm ci` or `npm run build`), so a
// command starts in well under a second instead of transpiling the TypeScript sources first.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  // Before the build there are no texts to load from src/i18n; this one line has to live here.
  console.error('FM-Lotse ist noch nicht gebaut (dist/ fehlt): bitte `npm run build` ausführen (`npm ci` baut es mit).');
  process.exit(1);
}
const { main } = await import(cli.href);
await main(process.argv.slice(2));
