// Checks Adaptive Card JSON files the way Teams will meet them. Run through validate-cards.sh, which
// installs the npm packages and Chromium.
//
// usage: node validate-cards.mjs --deps DIR [options] PATH...
//   PATH            a card .json file, or a folder of them (*.json, not recursive)
//   --deps DIR      folder whose node_modules holds ajv, ajv-formats, adaptivecards and playwright-core
//   --out DIR       screenshots and report.{txt,json} (default: <repo>/artifacts/cards)
//   --max-kb N      size limit in KB, for both the UTF-8 bytes and the UTF-16 bytes of the compact JSON (default 80)
//   --no-render     only the schema and size checks (no browser)
//   --chromium P    browser executable (default /usr/bin/chromium)
//   --width N       card width in pixels for the screenshots (default 500)
// Per card: (a) JSON schema of Adaptive Cards 1.5 (schema/adaptive-card-1.5.schema.json) and version <= 1.5,
// (b) size, (c) parse, validate and render with the adaptivecards renderer in headless Chromium: any
// renderer event (unknown element or action type, invalid value, duplicate id, ...) or page error fails
// the card; a screenshot is saved as OUT/<name>.png.
// exit code: 0 all cards pass, 1 some card fails, 2 usage or setup error
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const TEAMS_MAX_VERSION = [1, 5];
const BROWSER_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];
// Renderer events that are only advice, not a broken card. Everything else fails the card.
const RENDERER_EVENTS_ALLOWED = new Set(['Hint']);

// ---------- arguments ----------
const opt = { deps: '', out: path.join(ROOT, 'artifacts/cards'), maxKb: 80, render: true, chromium: '/usr/bin/chromium', width: 500, paths: [] };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--deps') opt.deps = path.resolve(argv[++i]);
  else if (a === '--out') opt.out = path.resolve(argv[++i]);
  else if (a === '--max-kb') opt.maxKb = Number(argv[++i]);
  else if (a === '--no-render') opt.render = false;
  else if (a === '--chromium') opt.chromium = argv[++i];
  else if (a === '--width') opt.width = Number(argv[++i]);
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else opt.paths.push(path.resolve(a));
}
if (!opt.deps) usage('--deps DIR is required');
if (!opt.paths.length) usage('give a folder of card .json files (or files)');
if (!(opt.maxKb > 0) || !(opt.width > 0)) usage('--max-kb and --width take positive numbers');
function usage(msg) { console.error(`validate-cards: ${msg}`); process.exit(2); }

const files = [];
for (const p of opt.paths) {
  if (!fs.existsSync(p)) usage(`no such file or folder: ${p}`);
  if (fs.statSync(p).isDirectory()) {
    for (const f of fs.readdirSync(p).filter((n) => n.endsWith('.json')).sort()) files.push(path.join(p, f));
  } else files.push(p);
}
if (!files.length) usage(`no *.json files in ${opt.paths.join(', ')}`);
const shown = (f) => { const r = path.relative(process.cwd(), f); return r && !r.startsWith('..') ? r : f; };
const screenshotName = (f) => path.basename(f).replace(/\.json$/, '') + '.png';
{
  const names = files.map(screenshotName);
  const dup = names.filter((n, i) => names.indexOf(n) !== i);
  if (dup.length) usage(`two cards would share a screenshot name: ${[...new Set(dup)].join(', ')}`);
}

const require = createRequire(path.join(opt.deps, 'package.json'));
let Ajv, addFormats, draft06;
try {
  Ajv = require('ajv').default;
  addFormats = require('ajv-formats').default;
  draft06 = require('ajv/dist/refs/json-schema-draft-06.json');
} catch (e) { usage(`ajv / ajv-formats not loadable from ${opt.deps}: ${e.message}`); }

// ---------- schema ----------
// The data file keeps upstream's draft-06 "id"; ajv 8 wants "$id", so the copy in memory is renamed.
const schemaFile = path.join(HERE, 'schema/adaptive-card-1.5.schema.json');
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
schema.$id = schema.id; delete schema.id; delete schema.$comment;
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addMetaSchema(draft06);
addFormats(ajv);
const validateCard = ajv.compile(schema);

// A second, equivalent form of the schema, used only to explain a failure: each "ImplementationsOf.X"
// ("one of these element types") becomes "type is one of [...], and the definition named by type holds",
// so that a bad TextBlock is reported against TextBlock alone, not against all 16 element types.
const explainSchema = structuredClone(schema);
explainSchema.$id = 'urn:opsbot:adaptive-card-1.5-explain';
delete explainSchema.$schema;
for (const [name, def] of Object.entries(explainSchema.definitions)) {
  if (!name.startsWith('ImplementationsOf.')) continue;
  const types = def.anyOf.map((alt) => alt.allOf[0].$ref.split('/').pop());
  explainSchema.definitions[name] = {
    required: ['type'],
    properties: { type: { enum: types } },
    allOf: types.map((t) => ({ if: { properties: { type: { const: t } }, required: ['type'] }, then: { $ref: `#/definitions/${t}` } })),
  };
}
const explainCard = ajv.compile(explainSchema);

function schemaProblems(card) {
  if (validateCard(card)) return [];
  explainCard(card);
  const errors = (explainCard.errors && explainCard.errors.length ? explainCard.errors : validateCard.errors)
    .filter((e) => e.keyword !== 'if');
  const byPath = new Map();
  for (const e of errors) {
    if (!byPath.has(e.instancePath)) byPath.set(e.instancePath, []);
    byPath.get(e.instancePath).push(e);
  }
  const lines = [];
  for (const [where, errs] of byPath) {
    const at = describe(card, where);
    const enumErr = errs.find((e) => e.keyword === 'enum');
    const patternErr = errs.find((e) => e.keyword === 'pattern');
    if (enumErr && (patternErr || errs.every((e) => ['enum', 'anyOf'].includes(e.keyword)))) {
      // upstream accepts the enum values in any letter case (enum + case-insensitive pattern)
      lines.push(`${at}: ${JSON.stringify(valueAt(card, where))} is not allowed; expected one of ${enumErr.params.allowedValues.join(', ')}${patternErr ? ' (any letter case)' : ''}`);
      errs.filter((e) => !['enum', 'pattern', 'anyOf'].includes(e.keyword) && !(e.keyword === 'type' && e.params.type === 'null'))
        .forEach((e) => lines.push(`${at}: ${message(e)}`));
      continue;
    }
    // "must match a schema in anyOf" only repeats what the errors below it already say
    const nested = (e) => errors.some((o) => o !== e && o.keyword !== 'anyOf' && o.instancePath.startsWith(e.instancePath));
    const rest = errs.filter((e) => !(e.keyword === 'anyOf' && nested(e)));
    for (const e of rest) lines.push(`${at}: ${message(e)}`);
  }
  return [...new Set(lines)];
}
function message(e) {
  if (e.keyword === 'additionalProperties') return `unknown property "${e.params.additionalProperty}"`;
  if (e.keyword === 'required') return `missing required property "${e.params.missingProperty}"`;
  return e.message + (e.params && Object.keys(e.params).length && e.keyword !== 'type' ? ` ${JSON.stringify(e.params)}` : '');
}
function valueAt(root, pointer) {
  let v = root;
  for (const part of pointer.split('/').slice(1)) v = v?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return v;
}
function describe(root, pointer) {
  const v = valueAt(root, pointer);
  const t = v && typeof v === 'object' && !Array.isArray(v) && typeof v.type === 'string' ? ` (${v.type})` : '';
  return (pointer || '/') + t;
}

function versionProblems(card) {
  if (!card || typeof card !== 'object') return [];
  if (typeof card.version !== 'string') return ['/version: missing; Teams needs the card version ("1.5")'];
  const m = /^(\d+)\.(\d+)$/.exec(card.version);
  if (!m) return [`/version: "${card.version}" is not MAJOR.MINOR`];
  const [maj, min] = [Number(m[1]), Number(m[2])];
  if (maj > TEAMS_MAX_VERSION[0] || (maj === TEAMS_MAX_VERSION[0] && min > TEAMS_MAX_VERSION[1])) {
    return [`/version: "${card.version}" is above ${TEAMS_MAX_VERSION.join('.')}, the highest version Teams renders`];
  }
  return [];
}

// ---------- (a) + (b) for every file ----------
const results = [];
for (const file of files) {
  const r = { file: shown(file), ok: true, schema: [], size: null, render: null, problems: [] };
  results.push(r);
  let card;
  try { card = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')); }
  catch (e) { r.problems.push(`json: not valid JSON: ${e.message}`); r.ok = false; continue; }
  r.card = card;
  // "msteams" (e.g. {"width": "Full"}, mention entities) is Teams' own card-level extension, which the
  // Adaptive Cards schema does not list: checked for being an object, then left out of the schema check.
  let forSchema = card;
  if (card && typeof card === 'object' && !Array.isArray(card) && 'msteams' in card) {
    forSchema = { ...card };
    delete forSchema.msteams;
    if (!card.msteams || typeof card.msteams !== 'object' || Array.isArray(card.msteams)) r.problems.push('schema: /msteams: must be an object');
  }
  r.schema = [...schemaProblems(forSchema), ...versionProblems(card)];
  r.problems.push(...r.schema.map((s) => `schema: ${s}`));
  const compact = JSON.stringify(card);
  const limit = opt.maxKb * 1024;
  r.size = { utf8Bytes: Buffer.byteLength(compact, 'utf8'), utf16Bytes: compact.length * 2, limitBytes: limit };
  if (r.size.utf8Bytes >= limit) r.problems.push(`size: ${kb(r.size.utf8Bytes)} as UTF-8, must be under ${opt.maxKb} KB`);
  if (r.size.utf16Bytes >= limit) r.problems.push(`size: ${kb(r.size.utf16Bytes)} as UTF-16, must be under ${opt.maxKb} KB`);
}
function kb(n) { return `${(n / 1024).toFixed(1)} KB`; }

// ---------- (c) render in headless Chromium ----------
if (opt.render) {
  fs.mkdirSync(opt.out, { recursive: true });
  for (const f of fs.readdirSync(opt.out)) if (f.endsWith('.png')) fs.rmSync(path.join(opt.out, f));
  let chromium, acScript;
  try {
    ({ chromium } = require('playwright-core'));
    acScript = require.resolve('adaptivecards/dist/adaptivecards.min.js');
  } catch (e) { usage(`playwright-core / adaptivecards not loadable from ${opt.deps}: ${e.message}`); }
  if (!fs.existsSync(opt.chromium)) usage(`no browser at ${opt.chromium} (Debian: apt-get install chromium)`);
  const hostConfig = JSON.parse(fs.readFileSync(path.join(HERE, 'teams-like-host-config.json'), 'utf8'));
  const rendererVersion = require('adaptivecards/package.json').version;

  const browser = await chromium.launch({ executablePath: opt.chromium, args: BROWSER_FLAGS, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: opt.width + 200, height: 900 }, deviceScaleFactor: 1 });
    const blocked = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      let host = '';
      try { host = new URL(url).hostname; } catch { /* keep empty */ }
      if (url.startsWith('data:') || url.startsWith('about:') || ['127.0.0.1', 'localhost', '[::1]'].includes(host)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') pageErrors.push(`console ${m.type()}: ${m.text()}`); });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
      body { margin: 0; padding: 24px; background: #f5f5f5; font-family: 'Segoe UI', 'WenQuanYi Micro Hei', sans-serif; }
      #frame { width: ${opt.width}px; background: #fff; border: 1px solid #e0e0e0; border-radius: 6px; overflow: hidden; }
      #name { font: 12px monospace; color: #777; margin-bottom: 6px; }
      .ac-pushButton { background: #fff; border: 1px solid #d1d1d1; border-radius: 4px; padding: 5px 12px; font: 600 14px inherit; color: #242424; }
    </style></head><body><div id="name"></div><div id="frame"><div id="card"></div></div></body></html>`);
    await page.addScriptTag({ path: acScript });
    const loaded = await page.evaluate(() => typeof window.AdaptiveCards?.AdaptiveCard === 'function');
    if (!loaded) usage(`the adaptivecards renderer did not load in the page: ${pageErrors.join('; ')}`);

    for (const r of results) {
      if (r.card === undefined) continue;
      pageErrors.length = 0; blocked.length = 0;
      const out = await page.evaluate(({ card, hostConfig, name }) => {
        const AC = window.AdaptiveCards;
        document.getElementById('name').textContent = name;
        const target = document.getElementById('card');
        target.innerHTML = '';
        const events = [];
        const collect = (ev) => events.push({ phase: AC.ValidationPhase[ev.phase], event: AC.ValidationEvent[ev.event], message: ev.message });
        // Teams supports a small markdown subset in TextBlock (bold, italic, links, lists); render it like
        // that. The renderer has no markdown processor of its own.
        AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
          const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
          const inline = (s) => esc(s)
            .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
            .replace(/(^|[^\w*])[*_](?!\s)(.+?)[*_](?![\w*])/g, '$1<em>$2</em>')
            .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>');
          const blocks = [];
          let list = null;
          for (const line of text.split(/\r?\n/)) {
            const m = /^\s*(?:[-*]|(\d+)\.)\s+(.*)$/.exec(line);
            if (m) {
              const tag = m[1] ? 'ol' : 'ul';
              if (!list || list.tag !== tag) { list = { tag, items: [] }; blocks.push(list); }
              list.items.push(inline(m[2]));
            } else { list = null; blocks.push(inline(line)); }
          }
          result.outputHtml = blocks.map((b) => (typeof b === 'string' ? `<p>${b}</p>` : `<${b.tag}>${b.items.map((i) => `<li>${i}</li>`).join('')}</${b.tag}>`)).join('');
          result.didProcess = true;
        };
        const ac = new AC.AdaptiveCard();
        ac.hostConfig = new AC.HostConfig(hostConfig);
        const ctx = new AC.SerializationContext(AC.Versions.v1_5);
        try { ac.parse(card, ctx); } catch (e) { return { events, error: `parse threw: ${e.message}` }; }
        for (let i = 0; i < ctx.eventCount; i++) collect(ctx.getEventAt(i));
        try { ac.validateProperties().validationEvents.forEach(collect); } catch (e) { return { events, error: `validation threw: ${e.message}` }; }
        let el;
        try { el = ac.render(); } catch (e) { return { events, error: `render threw: ${e.message}` }; }
        if (!el) return { events, error: 'render returned nothing' };
        target.appendChild(el);
        const box = el.getBoundingClientRect();
        return { events, width: Math.round(box.width), height: Math.round(box.height), textLength: el.innerText.trim().length };
      }, { card: r.card, hostConfig, name: path.basename(r.file) });
      await page.waitForTimeout(50); // let late errors surface
      const shot = path.join(opt.out, screenshotName(r.file));
      if (!out.error) await page.locator('body').screenshot({ path: shot });
      r.render = { renderer: `adaptivecards ${rendererVersion}`, ...out, screenshot: out.error ? null : shown(shot), blocked: [...blocked], pageErrors: [...pageErrors] };
      if (out.error) r.problems.push(`render: ${out.error}`);
      for (const ev of out.events || []) {
        if (!RENDERER_EVENTS_ALLOWED.has(ev.event)) r.problems.push(`render: ${ev.phase} ${ev.event}: ${ev.message}`);
      }
      for (const e of pageErrors) r.problems.push(`render: ${e}`);
      if (!out.error && (!out.height || !out.textLength)) r.problems.push(`render: the card rendered empty (${out.width}x${out.height}, ${out.textLength} characters)`);
    }
    await context.close();
  } finally {
    await browser.close();
  }
}

// ---------- report ----------
const lines = [];
let failed = 0;
for (const r of results) {
  r.ok = r.problems.length === 0;
  if (!r.ok) failed++;
  const size = r.size ? `${kb(r.size.utf8Bytes)} utf-8 / ${kb(r.size.utf16Bytes)} utf-16` : '';
  const rendered = r.render && !r.render.error ? `, rendered ${r.render.width}x${r.render.height} -> ${r.render.screenshot}` : '';
  lines.push(`${r.ok ? 'PASS' : 'FAIL'} ${r.file}${size ? ` (${size}${rendered})` : ''}`);
  const max = 25;
  r.problems.slice(0, max).forEach((p) => lines.push(`     - ${p}`));
  if (r.problems.length > max) lines.push(`     - ... ${r.problems.length - max} more (see report.json)`);
  for (const b of r.render?.blocked || []) lines.push(`     note: blocked a non-loopback request: ${b}`);
}
lines.push(`(checked: Adaptive Cards 1.5 schema, version <= 1.5, size < ${opt.maxKb} KB${opt.render ? ', adaptivecards render in headless Chromium' : '; not rendered'})`);
lines.push(`cards: ${results.length - failed} passed, ${failed} failed`);
console.log(lines.join('\n'));
if (opt.render || fs.existsSync(opt.out)) {
  fs.mkdirSync(opt.out, { recursive: true });
  fs.writeFileSync(path.join(opt.out, 'report.txt'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(opt.out, 'report.json'), JSON.stringify(results.map(({ card, ...rest }) => rest), null, 2));
}
process.exit(failed ? 1 : 0);
