#!/usr/bin/env node
// Draws the app icon with ImageMagick 6 (`convert`) and writes every format electron-builder takes as is, so
// packaging never converts icons (its converter is a toolset downloaded from GitHub at build time):
//   electron/resources/icon.png          1024 px, the master (also the window icon on Linux and Windows)
//   electron/resources/icons/NxN.png     16–512 px, Linux's hicolor sizes (linux.icon)
//   electron/resources/icon.ico          16–256 px (win.icon)
//   electron/resources/icon.icns         16–1024 px as PNG entries (mac.icon)
// The icon: usage bars under an amber request line, on a rounded blue square. Run after changing the drawing;
// the outputs are committed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../resources');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cluster-insight-icons-'));
const convert = (...args) => execFileSync('convert', args, { stdio: ['ignore', 'ignore', 'inherit'] });

// The master at 1024 px: macOS's icon grid (an 824 px rounded square, 100 px margins), used on every platform.
const mask = path.join(tmp, 'mask.png');
const gradient = path.join(tmp, 'gradient.png');
const background = path.join(tmp, 'background.png');
const master = path.join(resources, 'icon.png');
mkdirSync(path.join(resources, 'icons'), { recursive: true });
convert('-size', '1024x1024', 'xc:black', '-fill', 'white', '-draw', 'roundrectangle 100,100 923,923 185,185', mask);
convert('-size', '1024x1024', 'gradient:#3474f0-#15327a', gradient);
convert(gradient, mask, '-alpha', 'off', '-compose', 'CopyOpacity', '-composite', background);
convert(
  background,
  ...['-fill', '#f4f7fc'],
  ...['-draw', 'roundrectangle 262,500 362,730 24,24'],
  ...['-draw', 'roundrectangle 462,330 562,730 24,24'],
  ...['-draw', 'roundrectangle 662,580 762,730 24,24'],
  ...['-fill', '#ffb02e', '-draw', 'roundrectangle 222,420 802,452 16,16'],
  ...['-depth', '8', '-strip'],
  `PNG32:${master}`,
);

const sized = (size) => {
  const file = path.join(tmp, `${size}.png`);
  convert(master, '-filter', 'Lanczos', '-resize', `${size}x${size}`, '-depth', '8', '-strip', `PNG32:${file}`);
  return file;
};

for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) writeFileSync(path.join(resources, 'icons', `${size}x${size}.png`), readFileSync(sized(size)));

convert(...[16, 24, 32, 48, 64, 128, 256].map(sized), path.join(resources, 'icon.ico'));

// ICNS: "icns", the total length, then entries of a 4-character type, the entry's length (header included) and
// PNG data; PNG entries are accepted by every macOS since 10.7.
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
const entries = ICNS_TYPES.map(([type, size]) => {
  const png = readFileSync(size === 1024 ? master : sized(size));
  const header = Buffer.alloc(8);
  header.write(type, 0, 'ascii');
  header.writeUInt32BE(png.length + 8, 4);
  return Buffer.concat([header, png]);
});
const body = Buffer.concat(entries);
const icnsHeader = Buffer.alloc(8);
icnsHeader.write('icns', 0, 'ascii');
icnsHeader.writeUInt32BE(body.length + 8, 4);
writeFileSync(path.join(resources, 'icon.icns'), Buffer.concat([icnsHeader, body]));

rmSync(tmp, { recursive: true, force: true });
console.log(`icons written to ${path.relative(process.cwd(), resources) || '.'}`);
