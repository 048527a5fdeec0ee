#!/usr/bin/env node
// Chaos test: starts real trainings through the CLI (each in its own process group, as a shell starts a job) and kills
// the CLI's group or the trainer at random moments — before `started`, mid-epoch, during a checkpoint write — with
// SIGINT, SIGTERM or SIGKILL. After each kill it checks: no process left, the run is not left running, it is either
// resumable or cleanly failed, and no file is half-written. Prints a tally; exits 1 listing every violation.
//   node scripts/chaos.mjs [--kills 24] [--seed 1] [--json]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'aelab.js');
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const KILLS = Number(arg('kills', 24));
const SEED = Number(arg('seed', Date.now() % 100000));
const JSON_OUT = process.argv.includes('--json');

// A small seeded generator (mulberry32), so a failing sequence can be replayed with --seed.
let state = SEED >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

/** Who is killed, and how. "group" is the CLI's process group (the trainer runs in its own). */
const KINDS = [
  { name: 'SIGINT to the CLI group', target: 'group', signal: 'SIGINT' },
  { name: 'SIGTERM to the CLI group', target: 'group', signal: 'SIGTERM' },
  { name: 'SIGKILL to the CLI group', target: 'group', signal: 'SIGKILL' },
  { name: 'SIGKILL to the trainer', target: 'trainer', signal: 'SIGKILL' },
  { name: 'SIGTERM to the trainer', target: 'trainer', signal: 'SIGTERM' },
  { name: 'SIGKILL to both groups', target: 'everything', signal: 'SIGKILL' },
];
const MOMENTS = ['before started', 'mid-epoch', 'checkpoint write'];

const workspace = mkdtempSync(join(tmpdir(), 'aelab-chaos-'));
const runsDir = join(workspace, 'runs');
const violations = [];
const tally = { seed: SEED, kills: 0, byKind: {}, byMoment: {}, outcomes: {}, tempLeftovers: {}, resumedToCompletion: 0, seconds: 0 };
const count = (table, key) => (table[key] = (table[key] ?? 0) + 1);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function writeExperiment(name) {
  const experiment = {
    name,
    kind: 'deep',
    data: { source: 'builtin:mnist', validationSplit: 0.1, limit: 600 },
    // A 256-wide layer makes checkpoints ~5 MB, so a kill can land inside one.
    model: { hidden: [256], latentDim: 32 },
    training: { epochs: 30, batchSize: 32, learningRate: 0.002, seed: 1, checkpointEvery: 1 },
  };
  const file = join(workspace, `${name}.ae.json`);
  writeFileSync(file, JSON.stringify(experiment));
  return file;
}

/** Live (non-zombie) processes carrying this tag in their environment: the CLI and its trainer. */
function tagged(tag) {
  const marker = `AELAB_CHAOS_TAG=${tag}\0`;
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (`${readFileSync(`/proc/${entry}/environ`, 'latin1')}\0`.includes(marker)) pids.push(Number(entry));
    } catch {
      // ended while we looked
    }
  }
  return pids;
}

async function waitFor(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) return undefined;
    await sleep(20);
  }
}

const runDirOf = (name) => {
  const found = existsSync(runsDir) ? readdirSync(runsDir).filter((d) => d.startsWith(`${name}-`)) : [];
  return found.length ? join(runsDir, found[0]) : undefined;
};

/** Resolves when the trainer starts writing its nth checkpoint (its temp folder appears), or after the timeout. */
async function checkpointWriteStarts(name, nth, timeoutMs) {
  const runDir = await waitFor(() => runDirOf(name), timeoutMs);
  if (!runDir) return false;
  let seen = 0;
  return new Promise((resolve) => {
    // inotify reports the temp folder's creation at once; the trainer is then writing ~5 MB of weights into it.
    const watcher = watch(runDir, (_event, file) => {
      if (file && /^checkpoint\.\d+\.tmp$/.test(file) && existsSync(join(runDir, file)) && ++seen === nth) finish(true);
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(seen) {
      clearTimeout(timer);
      watcher.close();
      resolve(seen);
    }
  });
}

function killNow(kind, cli, trainer) {
  const send = (pid, signal) => {
    try {
      process.kill(pid, signal);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
  };
  if (kind.target === 'group' || kind.target === 'everything') send(-cli.pid, kind.signal);
  if ((kind.target === 'trainer' || kind.target === 'everything') && trainer) send(trainer, kind.signal);
}

/** What the run folder shows at the moment of the kill. */
function observedPhase(name) {
  const runDir = runDirOf(name);
  if (!runDir || !existsSync(join(runDir, 'summary.json'))) return 'before the run folder opened';
  if (readdirSync(runDir).some((f) => /^checkpoint\.\d+\.tmp$/.test(f))) return 'during a checkpoint write';
  if (!existsSync(join(runDir, 'views', 'validationSamples.json'))) return 'before started';
  return 'mid-training';
}

function checkFiles(runDir, problems) {
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const temp = /^(\.?)(.+)\.(\d+)\.(tmp|old)$/.exec(entry.name);
      if (temp) {
        // A SIGKILL can leave an atomic writer's temp file or folder behind. A ".tmp" is an unfinished new version that
        // no reader opens: harmless. An ".old" is the previous version set aside for a swap: harmless only if the swap
        // finished, i.e. the real one is there.
        const real = join(dir, temp[2]);
        if (temp[4] === 'old' && !existsSync(real)) problems.push(`${path} left behind and ${real} is missing`);
        count(tally.tempLeftovers, temp[4] === 'tmp' ? `${temp[1]}${temp[2]}.<pid>.tmp` : `${temp[2]}.<pid>.old`);
        continue;
      }
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json')) {
        try {
          JSON.parse(readFileSync(path, 'utf8'));
        } catch (error) {
          problems.push(`${path} does not parse: ${error.message}`);
        }
      } else if (entry.name.endsWith('.jsonl')) {
        readFileSync(path, 'utf8').split('\n').filter(Boolean).forEach((line, i) => {
          try {
            JSON.parse(line);
          } catch {
            problems.push(`${path}:${i + 1} does not parse`);
          }
        });
      }
    }
  };
  walk(runDir);
}

/** A checkpoint that loads: its manifest parses and weights.bin holds exactly the floats it lists. */
function checkpointIntact(runDir) {
  try {
    const manifest = JSON.parse(readFileSync(join(runDir, 'checkpoint', 'checkpoint.json'), 'utf8'));
    const floats = [...manifest.model, ...manifest.optimizer].reduce((n, spec) => n + spec.shape.reduce((a, b) => a * b, 1), 0);
    return statSync(join(runDir, 'checkpoint', 'weights.bin')).size === floats * 4;
  } catch {
    return false;
  }
}

function runCli(args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, child }));
    options.onSpawn?.(child);
  });
}

/** Stored status each kind may leave (after all processes are gone); "interrupted" is how readers show it. */
const ALLOWED = {
  group: ['stopped', 'completed'],
  trainer: { SIGKILL: ['failed', 'completed'], SIGTERM: ['stopped', 'completed'] },
  everything: ['interrupted', 'stopped', 'completed'],
};

async function oneKill(i, kind, moment) {
  const name = `chaos-${i}`;
  const file = writeExperiment(name);
  const tag = `${process.pid}-${i}`;
  let cli;
  const exited = runCli(['train', file, '--runs-dir', runsDir, '--threads', '1'], {
    detached: true,
    env: { ...process.env, AELAB_CHAOS_TAG: tag },
    onSpawn: (child) => (cli = child),
  });
  const trainer = await waitFor(() => tagged(tag).find((pid) => pid !== cli.pid), 60_000);
  // Before `started`: while the trainer loads TensorFlow.js, or right after it opened the run folder (loading data).
  if (moment === 'before started' && random() < 0.5) await sleep(random() * 400);
  else if (moment === 'before started') await waitFor(() => runDirOf(name) && existsSync(join(runDirOf(name), 'summary.json')), 60_000);
  else if (moment === 'mid-epoch') {
    await waitFor(() => {
      const runDir = runDirOf(name);
      return runDir && existsSync(join(runDir, 'views', 'validationSamples.json'));
    }, 60_000);
    await sleep(random() * 1500);
  } else await checkpointWriteStarts(name, 1 + Math.floor(random() * 2), 60_000); // the first, or one that replaces another
  const phase = observedPhase(name);
  killNow(kind, cli, trainer);
  let timer;
  const result = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 90_000)))]);
  clearTimeout(timer);
  const problems = [];
  if (!result) problems.push('the CLI did not exit within 90 s');
  const left = await waitFor(() => tagged(tag).length === 0, 30_000);
  if (!left) problems.push(`processes left: ${tagged(tag).join(', ')}`);

  let outcome;
  const runDir = runDirOf(name);
  if (!runDir || !existsSync(join(runDir, 'summary.json'))) {
    // Killed before the run folder had a summary: no reader lists it; at most the experiment copy was written.
    outcome = 'never opened (not listed)';
    if (runDir) {
      const extra = readdirSync(runDir).filter((f) => f !== 'experiment.json' && !/\.\d+\.tmp$/.test(f));
      if (extra.length) problems.push(`a run folder without summary.json holds ${extra.join(', ')}`);
      checkFiles(runDir, problems);
    }
  } else {
    checkFiles(runDir, problems);
    const stored = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8'));
    const status = stored.status === 'running' ? 'interrupted' : stored.status; // nothing of this run is alive any more
    const allowed = kind.target === 'trainer' ? ALLOWED.trainer[kind.signal] : ALLOWED[kind.target];
    if (!allowed.includes(status)) problems.push(`status ${status}, expected one of ${allowed.join(', ')}`);
    const resumable = status !== 'completed' && checkpointIntact(runDir);
    if (status === 'stopped' && !resumable) problems.push('stopped without an intact checkpoint');
    outcome = status === 'completed' ? 'completed' : resumable ? `${status}, resumable` : `${status} before its first checkpoint (retrain)`;
    if (existsSync(join(runDir, 'checkpoint')) && !checkpointIntact(runDir)) problems.push('checkpoint/ is damaged');
  }
  count(tally.byKind, kind.name);
  count(tally.byMoment, phase);
  count(tally.outcomes, outcome);
  tally.kills++;
  problems.forEach((problem) => violations.push(`#${i} ${kind.name} at ${moment} (${phase}): ${problem}`));
  if (!JSON_OUT) process.stderr.write(`#${i} ${kind.name}, ${phase}: ${outcome}${problems.length ? ` — ${problems.join('; ')}` : ''}\n`);
  return { runDir, outcome };
}

const started = Date.now();
mkdirSync(runsDir, { recursive: true });
// Every kind at every moment, in a seeded random order; extra kills pick at random.
const plan = KINDS.flatMap((kind) => MOMENTS.map((moment) => ({ kind, moment })));
for (let i = plan.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [plan[i], plan[j]] = [plan[j], plan[i]];
}
while (plan.length < KILLS) plan.push({ kind: pick(KINDS), moment: pick(MOMENTS) });
const results = [];
for (let i = 0; i < KILLS; i++) results.push(await oneKill(i, plan[i].kind, plan[i].moment));

// The readers' view, through the real CLI: nothing listed as running.
const listed = await runCli(['runs', '--runs-dir', runsDir, '--json']);
const runs = JSON.parse(listed.stdout);
for (const run of runs) if (run.status === 'running') violations.push(`aelab runs lists ${run.runId} as running with nothing running`);

// Resume one run of each resumable outcome to completion, through the real CLI.
const resumedKinds = new Set();
for (const { runDir, outcome } of results) {
  if (!runDir || !outcome.endsWith('resumable') || resumedKinds.has(outcome)) continue;
  resumedKinds.add(outcome);
  const epochs = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')).epochs + 1;
  const resumed = await runCli(['resume', runDir, '--epochs', String(epochs), '--threads', '1']);
  const after = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8'));
  if (resumed.code !== 0 || after.status !== 'completed') violations.push(`resuming a run that was ${outcome} failed (exit ${resumed.code}): ${resumed.stderr.trim().split('\n').at(-1)}`);
  else tally.resumedToCompletion++;
}

tally.seconds = Math.round((Date.now() - started) / 1000);
tally.violations = violations;
if (JSON_OUT) process.stdout.write(`${JSON.stringify(tally)}\n`);
else {
  process.stdout.write(`chaos: ${tally.kills} kills in ${tally.seconds} s (seed ${SEED})\n`);
  for (const [title, table] of [['kills', tally.byKind], ['moments (observed)', tally.byMoment], ['outcomes', tally.outcomes], ['temp files left by a kill (harmless)', tally.tempLeftovers]]) {
    process.stdout.write(`${title}:\n${Object.entries(table).map(([k, n]) => `  ${String(n).padStart(3)}  ${k}`).join('\n')}\n`);
  }
  process.stdout.write(`resumed to completion: ${tally.resumedToCompletion}\n${violations.length ? `VIOLATIONS:\n${violations.join('\n')}\n` : 'no violations\n'}`);
}
if (violations.length === 0) rmSync(workspace, { recursive: true, force: true });
process.exitCode = violations.length ? 1 : 0;
