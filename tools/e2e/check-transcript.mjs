// Checks a Playground transcript (transcript.json written by ../shared/tools/playground/drive.mjs)
// against the step file: every step answered, no error text, numbers where a step asks for them.
//
// usage: node check-transcript.mjs STEPS_FILE TRANSCRIPT_JSON
// exit code: 0 all checks pass, 1 some step fails, 2 usage error or a transcript that does not match the steps
import fs from 'node:fs';
import path from 'node:path';

const ERROR_PHRASES = [/sorry,? that failed/i, /i didn'?t understand/i, /i did not understand/i];
const [stepsFile, transcriptFile] = process.argv.slice(2);
if (!stepsFile || !transcriptFile) { console.error('usage: check-transcript.mjs STEPS_FILE TRANSCRIPT_JSON'); process.exit(2); }

// ---------- the step file ----------
function parseSteps(text) {
  const steps = [];
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim() || /^\s*#/.test(raw)) continue;
    const [input, checkText = ''] = raw.split('##');
    const checks = checkText.trim().split(/\s+/).filter(Boolean);
    steps.push({ input: input.trim(), checks });
  }
  return steps;
}
const steps = parseSteps(fs.readFileSync(stepsFile, 'utf8'));
for (const s of steps) for (const c of s.checks) {
  if (!['digits', 'silent', 'pending'].includes(c) && !/^(contains|soon|soon-edit):./.test(c)) {
    console.error(`${stepsFile}: unknown check "${c}" for step "${s.input}"`); process.exit(2);
  }
}

let transcript;
try { transcript = JSON.parse(fs.readFileSync(transcriptFile, 'utf8')); }
catch (e) { console.error(`cannot read ${transcriptFile}: ${e.message}`); process.exit(2); }

// Steps that produce a transcript entry, in order (::fill only prepares the next click).
const expected = steps.filter((s) => !s.input.startsWith('::fill:'));
const recorded = (transcript.steps || []).filter((s) => !['open', 'install'].includes(s.kind));

// ---------- the whole conversation stream ----------
// The driver files each event under the step that was collecting when it arrived; one that arrives while a
// screenshot is taken lands in no step at all. For what a background job sends at its own pace ("soon" checks)
// the stream itself (ws_conversation.jsonl, every event in order) is read: each step's replies are located in it,
// and a check sees every event from the start of the step before to the start of the next answered step.
const streamFile = path.join(path.dirname(transcriptFile), 'ws_conversation.jsonl');
const stream = fs.existsSync(streamFile)
  ? fs.readFileSync(streamFile, 'utf8').split('\n').flatMap((l) => { try { return l.trim() ? [JSON.parse(l)] : []; } catch { return []; } })
  : null;
const kindOf = (ev) => (ev.action === 'typing' ? 'typing' : ev.action === 'updateMessage' ? 'update' : 'message');
const spans = new Map();
if (stream) {
  let cursor = 0;
  for (const st of transcript.steps || []) {
    let first = null;
    for (const r of st.replies || []) {
      let k = cursor;
      while (k < stream.length && !(kindOf(stream[k]) === r.kind && (r.kind === 'typing' || stream[k].message?.messageId === r.messageId))) k++;
      if (k >= stream.length) break;
      first ??= k;
      cursor = k + 1;
    }
    spans.set(st, { start: first ?? cursor, end: cursor, answered: first !== null });
  }
}
function soonWindow(i) {
  const own = recorded[i];
  const prev = i > 0 ? recorded[i - 1] : own;
  if (!stream || !spans.has(prev)) return [prev, own].filter(Boolean);
  const next = recorded.slice(i + 1).find((st) => spans.get(st)?.answered);
  const end = next ? spans.get(next).start : stream.length;
  const events = stream.slice(spans.get(prev).start, end);
  return [{ replies: events.map((ev) => ({ kind: kindOf(ev), text: ev.message?.text, attachments: ev.message?.attachments })) }];
}

// ---------- reply text ----------
function cardText(node, out = []) {
  if (Array.isArray(node)) node.forEach((n) => cardText(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string' && ['text', 'title', 'value', 'fallbackText', 'label', 'placeholder'].includes(k)) out.push(v);
      else if (typeof v === 'object') cardText(v, out);
    }
  }
  return out;
}
function replyText(step, { editsOnly = false } = {}) {
  const parts = [];
  for (const r of step.replies || []) {
    if (r.kind === 'typing' || (editsOnly && r.kind !== 'update')) continue;
    if (r.text) parts.push(r.text);
    for (const a of r.attachments || []) parts.push(...cardText(a.content ?? a));
  }
  const inv = editsOnly ? null : step.invokeResponse;
  if (inv !== undefined && inv !== null) parts.push(...(typeof inv.value === 'string' ? [inv.value] : cardText(inv.value ?? inv)));
  return parts.join('\n');
}
const hasReply = (step) => (step.replies || []).some((r) => r.kind !== 'typing') || (step.invokeResponse !== undefined && step.invokeResponse !== null);
const numbers = (s) => (s.match(/\d+(?:[.,]\d+)*/g) || []);

// ---------- checks ----------
const rows = [];
let failed = 0, pendingFailed = 0;
const n = Math.max(expected.length, recorded.length);
for (let i = 0; i < n; i++) {
  const want = expected[i], got = recorded[i];
  const problems = [];
  if (!want) { rows.push({ input: got.input, status: 'FAIL', problems: ['step in the transcript but not in the step file'], text: '' }); failed++; continue; }
  if (!got) { problems.push('step not run (the driver stopped before it)'); }
  const text = got ? replyText(got) : '';
  if (got) {
    const label = want.input.startsWith('::click') ? want.input.slice(8) || 'first action'
      : want.input.startsWith('::wait:') ? `${+want.input.slice(7)} ms`
        : want.input.startsWith('::custom:') ? want.input.slice(9) : want.input;
    const sameCustomFile = want.input.startsWith('::custom:') && got.input.endsWith('/' + label.replace(/^.*\//, ''));
    if (got.input !== label && got.input !== want.input && !sameCustomFile) problems.push(`transcript step is "${got.input}", expected "${want.input}"`);
    if (got.error) problems.push(`driver error: ${got.error}`);
    const silentOk = want.checks.includes('silent') || want.input.startsWith('::wait:');
    if (!silentOk && !hasReply(got)) problems.push('no reply');
    for (const re of ERROR_PHRASES) if (re.test(text)) problems.push(`reply contains "${text.match(re)[0]}"`);
    const inv = got.invokeResponse;
    if (inv && ((inv.statusCode ?? 200) >= 400 || /error/.test(inv.type || ''))) problems.push(`invoke answered ${inv.statusCode} ${inv.type}`);
    for (const ex of got.exchanges || []) {
      if (ex.status >= 400) problems.push(`${ex.from} -> ${ex.to}: ${ex.activity} answered HTTP ${ex.status}`);
      if (ex.level === 'warning' || ex.level === 'error') problems.push(`playground ${ex.level}: ${ex.note ?? ''}`.trim());
    }
    if (want.checks.includes('digits')) {
      const own = new Set(numbers(want.input));
      if (!numbers(text).some((x) => !own.has(x))) problems.push('no number in the reply');
    }
    for (const c of want.checks.filter((c) => c.startsWith('contains:'))) {
      const needle = c.slice(9);
      if (!text.toLowerCase().includes(needle.toLowerCase())) problems.push(`reply does not contain "${needle}"`);
    }
    // What a background job posts at its own pace may arrive while the step before is still collecting replies.
    for (const c of want.checks.filter((c) => /^soon(-edit)?:/.test(c))) {
      const editsOnly = c.startsWith('soon-edit:');
      const needle = c.slice(c.indexOf(':') + 1).toLowerCase();
      const seen = soonWindow(i).some((s) => replyText(s, { editsOnly }).toLowerCase().includes(needle));
      if (!seen) problems.push(`no ${editsOnly ? 'updated card' : 'message'} sent from the step before on contains "${needle}"`);
    }
  }
  const pending = want.checks.includes('pending');
  let status = problems.length ? 'FAIL' : 'PASS';
  if (pending) status = problems.length ? 'PENDING' : 'PASS (marked pending: remove the mark)';
  if (status === 'FAIL') failed++;
  if (status === 'PENDING') pendingFailed++;
  rows.push({ input: want.input, status, problems, text, screenshot: got?.screenshot });
}

for (const r of rows) {
  const preview = r.text.replace(/\s+/g, ' ').trim().slice(0, 100);
  console.log(`${r.status.padEnd(7)} ${r.input}${preview ? `  ->  ${preview}${r.text.length > 100 ? '…' : ''}` : ''}`);
  for (const p of [...new Set(r.problems)]) console.log(`          - ${p}`);
  if (r.screenshot) console.log(`          screenshot: ${r.screenshot}`);
}
const passed = rows.length - failed - pendingFailed;
if (pendingFailed) console.log(`(${pendingFailed} step(s) marked pending failed; counted as skipped)`);
console.log(`e2e: ${passed} passed, ${failed} failed${pendingFailed ? `, ${pendingFailed} skipped` : ''}`);
process.exit(failed ? 1 : 0);
