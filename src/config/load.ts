/** Reads and validates the organisation file; backs start-up and `npx fm-lotse org check <file>`. */
import fs from 'node:fs';
import { orgText } from '../i18n/config.js';
import { ConfigError } from './env.js';
import { formatOrgPath, validateOrg, type Org, type OrgPath } from './org.js';

export type OrgResult = { ok: true; org: Org } | { ok: false; problems: string[] };

/** Validates parsed JSON. Problems read "path: message" (German), in the order they appear in the file. */
export function parseOrg(json: unknown): OrgResult {
  const result = validateOrg(json);
  if (result.ok) return result;
  const problems = [...result.issues]
    .sort((a, b) => comparePositions(json, a.path, b.path))
    .map((issue) => `${formatOrgPath(issue.path)}: ${issue.message}`);
  return { ok: false, problems: [...new Set(problems)] };
}

/** Reads, parses and validates a file; an unreadable file or broken JSON is a problem, never a throw. */
export function loadOrgFile(path: string): OrgResult {
  let raw: string;
  try {
    raw = fs.readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problems: [`${formatOrgPath([])}: ${orgText.fileUnreadable(path, code)}`] };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, problems: [`${formatOrgPath([])}: ${orgText.invalidJson((error as Error).message)}`] };
  }
  return parseOrg(json);
}

/** For start-up: the organisation, or a ConfigError listing every problem. */
export function loadOrgFileOrThrow(path: string): Org {
  const result = loadOrgFile(path);
  if (!result.ok) throw new ConfigError(result.problems.map((p) => `${path}: ${p}`));
  return result.org;
}

export function formatOrgProblems(problems: readonly string[]): string {
  return problems.length === 0 ? orgText.ok : problems.join('\n');
}

/** `npx fm-lotse org check <file>`: every problem (exit code 1) or exactly "ok" (exit code 0). */
export function orgCheck(path: string): { exitCode: number; output: string } {
  const result = loadOrgFile(path);
  return result.ok ? { exitCode: 0, output: orgText.ok } : { exitCode: 1, output: formatOrgProblems(result.problems) };
}

/**
 * Orders two paths by where they point in the file: array entries by index, object keys in the order the
 * file lists them; a key the file lacks (a missing required field) comes after the keys it has.
 */
function comparePositions(root: unknown, a: OrgPath, b: OrgPath): number {
  let node = root;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x !== y) {
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      const keys = typeof node === 'object' && node !== null ? Object.keys(node) : [];
      const rank = (seg: string | number) => {
        const at = keys.indexOf(String(seg));
        return at === -1 ? keys.length : at;
      };
      return rank(x) - rank(y) || String(x).localeCompare(String(y));
    }
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[String(x)] : undefined;
  }
  return a.length - b.length;
}
