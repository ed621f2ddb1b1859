// Validates a Teams app manifest offline: JSON schema (bundled in @microsoft/app-manifest), icons, and
// a few rules the schema does not express. Run through validate-manifest.sh, which installs the package.
//
// usage: node validate-manifest.mjs --deps DIR [--manifest FILE] [--filled] [--app-id GUID]
//   --deps DIR      folder whose node_modules holds @microsoft/app-manifest and fs-extra
//   --manifest F    manifest.json (default: manifests/manifest.json of this repo); icons are looked up beside it
//   --filled        the manifest is a packaged one: ids must be real GUIDs, no ${{...}} placeholders
//   --app-id GUID   value put in place of ${{MICROSOFT_APP_ID}} before validating (default: a dummy GUID)
// exit code: 0 valid, 1 invalid, 2 usage or setup error
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const ICON_SIZES = { color: 192, outline: 32 };

const args = process.argv.slice(2);
const opt = { manifest: path.resolve(HERE, '../../manifests/manifest.json'), filled: false, appId: DUMMY_ID, deps: '' };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--manifest') opt.manifest = path.resolve(args[++i]);
  else if (a === '--deps') opt.deps = path.resolve(args[++i]);
  else if (a === '--app-id') opt.appId = args[++i];
  else if (a === '--filled') opt.filled = true;
  else { console.error(`validate-manifest: unknown argument ${a}`); process.exit(2); }
}
if (!opt.deps) { console.error('validate-manifest: --deps DIR is required'); process.exit(2); }

const errors = [];
const notes = [];
const err = (where, msg) => errors.push(`${where}: ${msg}`);

// ---------- read and fill ----------
let text;
try { text = fs.readFileSync(opt.manifest, 'utf8').replace(/^\uFEFF/, ''); }
catch (e) { console.error(`validate-manifest: cannot read ${opt.manifest}: ${e.message}`); process.exit(2); }
const shown = (f) => { const r = path.relative(process.cwd(), f); return r && !r.startsWith('..') ? r : f; };
const rel = shown(opt.manifest);

const placeholders = [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
if (opt.filled && placeholders.length) err(rel, `unfilled placeholders: ${placeholders.map((p) => '${{' + p + '}}').join(', ')}`);
for (const p of placeholders) if (p !== 'MICROSOFT_APP_ID') err(rel, `unknown placeholder \${{${p}}} (only \${{MICROSOFT_APP_ID}} is filled at packaging time)`);
if (!GUID.test(opt.appId)) err('--app-id', `"${opt.appId}" is not a GUID`);
const filledText = text.replace(PLACEHOLDER, (m, name) => (name === 'MICROSOFT_APP_ID' ? opt.appId : m));

let manifest;
try { manifest = JSON.parse(filledText); }
catch (e) { console.error(`${rel}: not valid JSON: ${e.message}`); process.exit(1); }

// In the repo the ids must stay placeholders: no real ids are committed.
if (!opt.filled) {
  const raw = JSON.parse(text);
  if (raw.id !== '${{MICROSOFT_APP_ID}}') err(`${rel} /id`, 'must be the placeholder ${{MICROSOFT_APP_ID}} (the id is filled in by tools/teams/package-app.sh)');
  (raw.bots || []).forEach((b, i) => {
    if (b.botId !== '${{MICROSOFT_APP_ID}}') err(`${rel} /bots/${i}/botId`, 'must be the placeholder ${{MICROSOFT_APP_ID}}');
  });
}

// ---------- JSON schema, offline ----------
const require = createRequire(path.join(opt.deps, 'package.json'));
let AppManifestUtils, pkgDir;
try {
  pkgDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  ({ AppManifestUtils } = require('@microsoft/app-manifest'));
} catch (e) {
  console.error(`validate-manifest: @microsoft/app-manifest not loadable from ${opt.deps}: ${e.message}`);
  process.exit(2);
}
const version = manifest.manifestVersion;
const schemaFile = path.join(pkgDir, 'build/json-schemas/teams', `v${version}`, 'MicrosoftTeams.schema.json');
if (typeof version !== 'string' || !fs.existsSync(schemaFile)) {
  err(`${rel} /manifestVersion`, `"${version}" has no schema bundled in @microsoft/app-manifest`);
} else {
  const expected = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  if (manifest.$schema !== expected) err(`${rel} /$schema`, `is "${manifest.$schema}", expected "${expected}" for manifestVersion ${version}`);
  // The schema is passed in explicitly, so the library never looks at the network.
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
  const problems = await AppManifestUtils.validateAgainstSchema(manifest, schema);
  for (const p of problems) err(`${rel} schema v${version}`, p);
  notes.push(`schema: v${version} from @microsoft/app-manifest ${require('@microsoft/app-manifest/package.json').version}`);
}

// ---------- rules the schema does not check ----------
const bot = (manifest.bots || [])[0];
if (!bot) err(rel, 'no bot in bots[]');
else {
  const scopes = new Set(bot.scopes || []);
  for (const s of ['personal', 'team', 'groupChat']) if (!scopes.has(s)) err(`${rel} /bots/0/scopes`, `missing scope "${s}"`);
  const seen = new Set();
  (bot.commandLists || []).forEach((list, i) => {
    for (const s of list.scopes || []) {
      if (!scopes.has(s)) err(`${rel} /bots/0/commandLists/${i}`, `scope "${s}" is not one of the bot's scopes`);
      if (seen.has(s)) err(`${rel} /bots/0/commandLists/${i}`, `scope "${s}" has more than one command list`);
      seen.add(s);
    }
    const titles = (list.commands || []).map((c) => String(c.title).toLowerCase());
    const dup = titles.filter((t, j) => titles.indexOf(t) !== j);
    if (dup.length) err(`${rel} /bots/0/commandLists/${i}`, `duplicate command titles: ${[...new Set(dup)].join(', ')}`);
  });
  for (const s of scopes) if (s !== 'copilot' && !seen.has(s)) err(`${rel} /bots/0/commandLists`, `no command list for scope "${s}"`);
}
if (typeof manifest.version === 'string' && !/^\d+\.\d+\.\d+$/.test(manifest.version)) err(`${rel} /version`, `"${manifest.version}" is not MAJOR.MINOR.PATCH`);
for (const key of ['id']) if (manifest[key] !== undefined && !GUID.test(manifest[key])) err(`${rel} /${key}`, `"${manifest[key]}" is not a GUID`);

// ---------- icons ----------
const dir = path.dirname(opt.manifest);
for (const [kind, size] of Object.entries(ICON_SIZES)) {
  const name = manifest.icons?.[kind];
  if (typeof name !== 'string') continue; // reported by the schema
  const where = `icons.${kind} (${name})`;
  const file = path.resolve(dir, name);
  if (path.dirname(file) !== dir) { err(where, 'must be a file name at the package root, beside manifest.json'); continue; }
  if (!fs.existsSync(file)) { err(where, `file not found: ${shown(file)}`); continue; }
  let png;
  try { png = decodePng(fs.readFileSync(file)); } catch (e) { err(where, `not a readable PNG: ${e.message}`); continue; }
  if (png.width !== size || png.height !== size) err(where, `is ${png.width}x${png.height} pixels, must be ${size}x${size}`);
  if (kind === 'outline') {
    if (!png.pixels) err(where, `cannot check pixels: ${png.why}`);
    else {
      let bad = 0, first = null, opaque = 0;
      for (let i = 0; i < png.pixels.length; i += 4) {
        const [r, g, b, a] = png.pixels.subarray(i, i + 4);
        if (a > 0) opaque++;
        if (a > 0 && (r !== 255 || g !== 255 || b !== 255)) {
          bad++;
          if (!first) first = `(${(i / 4) % png.width},${Math.floor(i / 4 / png.width)}) rgba(${r},${g},${b},${a})`;
        }
      }
      if (!png.hasAlpha) err(where, 'has no transparency (needs an alpha channel or tRNS): must be white on transparent');
      if (bad) err(where, `${bad} pixel(s) are neither white nor fully transparent, first at ${first}`);
      if (!opaque) err(where, 'is fully transparent');
    }
  }
  notes.push(`${kind} icon: ${name} ${png.width}x${png.height}`);
}

if (errors.length) {
  console.error(`manifest INVALID: ${rel} (${errors.length} problem${errors.length > 1 ? 's' : ''})`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}
console.log(`manifest OK: ${rel} (manifestVersion ${manifest.manifestVersion}, version ${manifest.version}; ${notes.join('; ')})`);

// ---------- a small PNG reader (IHDR, and RGBA pixels for 8-bit non-interlaced images) ----------
function decodePng(buf) {
  if (buf.length < 33 || buf.readUInt32BE(0) !== 0x89504e47 || buf.readUInt32BE(4) !== 0x0d0a1a0a) throw new Error('bad PNG signature');
  let pos = 8, ihdr = null, plte = null, trns = null;
  const idat = [];
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (data.length !== len) throw new Error(`truncated ${type} chunk`);
    if (type === 'IHDR') ihdr = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8], colorType: data[9], interlace: data[12] };
    else if (type === 'PLTE') plte = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  if (!ihdr) throw new Error('no IHDR chunk');
  const { width, height, depth, colorType, interlace } = ihdr;
  const hasAlpha = colorType === 4 || colorType === 6 || trns !== null;
  const out = { width, height, hasAlpha, pixels: null, why: '' };
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  if (!channels) throw new Error(`unknown color type ${colorType}`);
  if (depth !== 8 || interlace !== 0) { out.why = `bit depth ${depth}, interlace ${interlace} (only 8-bit non-interlaced is read)`; return out; }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('image data too short');
  const cur = Buffer.alloc(stride), prev = Buffer.alloc(stride);
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels] : 0, b = prev[x], c = x >= channels ? prev[x - channels] : 0;
      let v = line[x];
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      else if (f !== 0) throw new Error(`bad filter type ${f} in row ${y}`);
      cur[x] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4, s = x * channels;
      let r, g, b, al = 255;
      if (colorType === 0) { r = g = b = cur[s]; if (trns && trns.length >= 2 && trns.readUInt16BE(0) === cur[s]) al = 0; }
      else if (colorType === 2) { r = cur[s]; g = cur[s + 1]; b = cur[s + 2]; if (trns && trns.length >= 6 && trns.readUInt16BE(0) === r && trns.readUInt16BE(2) === g && trns.readUInt16BE(4) === b) al = 0; }
      else if (colorType === 3) { const k = cur[s]; if (!plte || k * 3 + 2 >= plte.length) throw new Error('palette index out of range'); r = plte[k * 3]; g = plte[k * 3 + 1]; b = plte[k * 3 + 2]; if (trns && k < trns.length) al = trns[k]; }
      else if (colorType === 4) { r = g = b = cur[s]; al = cur[s + 1]; }
      else { r = cur[s]; g = cur[s + 1]; b = cur[s + 2]; al = cur[s + 3]; }
      pixels.set([r, g, b, al], o);
    }
    prev.set(cur);
  }
  out.pixels = pixels;
  return out;
}
