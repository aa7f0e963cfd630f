#!/usr/bin/env node
/**
 * Build the Claude Desktop extension bundle `specscore-plans-<version>.mcpb`: a zip holding
 * manifest.json (mcpb/manifest.json with the package's version), package.json, the built
 * dist/src and dist/tools, the prompt files, and the production dependencies from node_modules.
 * Run `npm run build` first (`npm run bundle:mcpb` does both).
 *
 *   node mcpb/bundle.mjs [--out FILE]
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** Every file below `dir` (following the node_modules symlink), as paths relative to ROOT. */
function filesBelow(dir) {
  const out = [];
  const walk = (abs) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = path.join(abs, e.name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push(path.relative(ROOT, p));
    }
  };
  walk(path.join(ROOT, dir));
  return out;
}

/** The production dependencies, transitively, as node_modules folders. */
function productionPackages() {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    const dir = path.join(ROOT, 'node_modules', name);
    if (!existsSync(path.join(dir, 'package.json'))) return; // optional and absent
    seen.add(name);
    const p = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const d of Object.keys({ ...p.dependencies, ...p.optionalDependencies, ...p.peerDependencies })) visit(d);
  };
  for (const d of Object.keys(pkg.dependencies ?? {})) visit(d);
  return [...seen].sort().map((n) => `node_modules/${n}`);
}

/** A zip archive (deflated entries, no directory entries) of these files. */
function zip(entries) {
  const local = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name.split(path.sep).join('/'), 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    local.push(head, nameBuf, packed);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(0x031e, 4); // made by: unix
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBuf.length, 28);
    dir.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

const outArg = process.argv.indexOf('--out');
const out = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(ROOT, `specscore-plans-${pkg.version}.mcpb`);
for (const f of ['dist/src/cli/specplan.js', 'dist/tools/server.js'])
  if (!existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
const manifest = { ...JSON.parse(readFileSync(path.join(ROOT, 'mcpb/manifest.json'), 'utf8')), version: pkg.version };
const { devDependencies: _dev, scripts: _scripts, ...runtimePkg } = pkg;
const files = [...filesBelow('dist/src'), ...filesBelow('dist/tools'), ...filesBelow('prompts'), ...productionPackages().flatMap(filesBelow)];
const entries = [
  { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
  { name: 'package.json', data: Buffer.from(`${JSON.stringify(runtimePkg, null, 2)}\n`) },
  ...files.map((f) => ({ name: f, data: readFileSync(path.join(ROOT, f)) })),
];
writeFileSync(out, zip(entries));
console.log(`${path.relative(process.cwd(), out) || out}: ${entries.length} files, ${(statSync(out).size / 1048576).toFixed(1)} MB`);
