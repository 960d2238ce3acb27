/**
 * Draws the two icons of the Teams app package (teams/color.png 192×192, teams/outline.png 32×32 white on
 * transparent) with nothing but node:zlib: a compass ring with a needle, the pilot ("Lotse") of the name.
 * Run `npx tsx scripts/teams-icons.ts` after changing the drawing; the PNG files are committed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const ACCENT: Rgba = [14, 90, 122, 255]; // #0E5A7A, the manifest's accentColor
const WHITE: Rgba = [255, 255, 255, 255];

/** Whether a point of the unit square (0…1, y down) belongs to the white mark. */
function inMark(x: number, y: number): boolean {
  const dx = x - 0.5;
  const dy = y - 0.5;
  const r = Math.hypot(dx, dy);
  if (r >= 0.31 && r <= 0.39) return true;
  // The needle: a slim diamond from south-west to north-east.
  const u = (dx - dy) / Math.SQRT2;
  const v = (dx + dy) / Math.SQRT2;
  return Math.abs(u) / 0.25 + Math.abs(v) / 0.075 <= 1;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG; each pixel is 4×4 supersampled so the edges are smooth. */
function png(size: number, background: Rgba | undefined): Buffer {
  const rows: Buffer[] = [];
  const samples = 4;
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0: none
    for (let px = 0; px < size; px++) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (inMark((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size)) covered++;
        }
      }
      const share = covered / (samples * samples);
      const pixel: Rgba = background
        ? [0, 1, 2].map((i) => Math.round(background[i]! * (1 - share) + WHITE[i]! * share)).concat(255) as Rgba
        : [255, 255, 255, Math.round(255 * share)];
      row.set(pixel, 1 + px * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, standard filters, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = path.resolve(import.meta.dirname, '../teams');
writeFileSync(path.join(dir, 'color.png'), png(192, ACCENT));
writeFileSync(path.join(dir, 'outline.png'), png(32, undefined));
