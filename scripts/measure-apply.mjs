#!/usr/bin/env node
// Measures what the README's "Using a trained model" section quotes, from builtin:mnist (run `npm run build` first):
//  1. denoising: a denoising run trained on digits 0-7999 (NPY), applied to noisy held-out digits 8000-9999 with
//     `aelab reconstruct`; mean PSNR of noisy vs clean and of denoised vs clean.
//  2. one class: a run trained on the zeros among digits 0-7999, `aelab score` on all held-out digits; the AUROC of
//     "not a zero" against the error, and how many the run's own threshold flags in each group.
//  3. memory: `aelab score` on PNG folders of 1,000 and 10,000 digits; the trainer's peak RSS (VmHWM) for each, and
//     for 10,000 again with the JS heap capped at 64 MB (NODE_OPTIONS), which shows that what grows is garbage V8
//     collects lazily, not images kept.
// Usage: node scripts/measure-apply.mjs [--epochs 5] [--keep]   (writes into a temp folder, removed unless --keep)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { auroc } from './apply/auroc.mjs';
import { digit, readMnist, writeDigitFolder, writeDigitNpy } from './apply/mnistDigits.mjs';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'aelab.js');
const args = process.argv.slice(2);
const epochs = Number(args[args.indexOf('--epochs') + 1] || 0) || 5;
const work = mkdtempSync(join(tmpdir(), 'aelab-measure-'));
const mnist = readMnist();
const range = (from, to) => Array.from({ length: to - from }, (_, i) => from + i);
const TRAIN = range(0, 8000);
const HELD_OUT = range(8000, 10000);
const NOISE = 0.5;

/** Runs the CLI; resolves with stdout and the peak RSS of its trainer child (polled from /proc). */
function aelab(cliArgs, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...cliArgs], { cwd: work, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let peakKb = 0;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const poll = setInterval(() => {
      for (const pid of childPids(child.pid)) peakKb = Math.max(peakKb, vmHwmKb(pid));
    }, 50);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code === 0) resolve({ stdout, peakMb: peakKb / 1024 });
      else reject(new Error(`aelab ${cliArgs.join(' ')} exited with ${code}`));
    });
  });
}

function childPids(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
  } catch {
    return [];
  }
}

function vmHwmKb(pid) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function experiment(name, kind, source, extra = {}) {
  const file = join(work, `${name}.ae.json`);
  const body = {
    name,
    kind,
    data: { source, validationSplit: 0.1 },
    model: { hidden: [256], latentDim: 32 },
    training: { epochs, batchSize: 64, learningRate: 0.002, seed: 7 },
    ...extra,
  };
  writeFileSync(file, JSON.stringify(body, null, 2));
  return file;
}

async function train(file) {
  const { stdout } = await aelab(['train', file, '--json']);
  return join(work, '.aelab', 'runs', JSON.parse(stdout).runId);
}

function readFloat32Npy(file) {
  const bytes = readFileSync(file);
  const start = 10 + bytes.readUInt16LE(8);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length));
}

function psnr(a, b) {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return 10 * Math.log10((255 * 255) / (sum / a.length));
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

async function denoising() {
  writeDigitNpy(join(work, 'train.npy'), mnist, TRAIN);
  const random = seedrandom('noise');
  writeDigitNpy(join(work, 'noisy.npy'), mnist, HELD_OUT, { noise: NOISE, random });
  const runDir = await train(experiment('denoiser', 'denoising', 'train.npy', { model: { hidden: [256], latentDim: 32, noise: { type: 'gaussian', sigma: NOISE } } }));
  await aelab(['reconstruct', runDir, 'noisy.npy', '--out', 'denoised.npy', '--json']);
  const denoised = readFloat32Npy(join(work, 'denoised.npy'));
  const noisyRandom = seedrandom('noise'); // the same noise again, to compare pixel for pixel
  const noisy = [];
  const cleaned = [];
  HELD_OUT.forEach((index, i) => {
    const clean = digit(mnist, index);
    noisy.push(psnr(digit(mnist, index, NOISE, noisyRandom), clean));
    cleaned.push(psnr(denoised.subarray(i * 784, (i + 1) * 784), clean));
  });
  return { digits: HELD_OUT.length, noise: NOISE, psnrNoisy: mean(noisy), psnrDenoised: mean(cleaned) };
}

async function oneClass() {
  const zeros = TRAIN.filter((i) => mnist.labels[i] === 0);
  writeDigitNpy(join(work, 'zeros.npy'), mnist, zeros);
  writeDigitNpy(join(work, 'held-out.npy'), mnist, HELD_OUT);
  const runDir = await train(experiment('zeros', 'deep', 'zeros.npy', { model: { hidden: [128], latentDim: 8 }, training: { epochs: epochs * 4, batchSize: 32, learningRate: 0.002, seed: 7 } }));
  const { stdout } = await aelab(['score', runDir, 'held-out.npy', '--out', 'scores.csv', '--json']);
  const rows = readFileSync(join(work, 'scores.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  const errors = rows.map((row) => Number(row[2]));
  const flagged = rows.map((row) => row[3] === '1');
  const other = HELD_OUT.map((index) => mnist.labels[index] !== 0);
  const count = (pick) => other.filter((o, i) => pick(o, i)).length;
  return {
    trainedOn: zeros.length,
    normal: count((o) => !o),
    anomalies: count((o) => o),
    auroc: auroc(errors, other),
    flaggedNormal: count((o, i) => !o && flagged[i]),
    flaggedAnomalies: count((o, i) => o && flagged[i]),
    threshold: JSON.parse(stdout).threshold,
  };
}

async function memory(runDir) {
  const result = {};
  const capped = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=64`.trim() };
  for (const [name, n, env] of [['1000', 1000], ['10000', 10000], ['10000, heap capped at 64 MB', 10000, capped]]) {
    const folder = join(work, `digits-${n}`);
    writeDigitFolder(folder, mnist, range(0, n));
    const { stdout, peakMb } = await aelab(['score', runDir, folder, '--out', `scores-${n}.csv`, '--json'], env);
    const { count, flagged } = JSON.parse(stdout);
    result[name] = { peakRssMb: Math.round(peakMb), count, flagged };
  }
  return result;
}

try {
  const denoise = await denoising();
  console.log('denoising', JSON.stringify(denoise));
  const anomalies = await oneClass();
  console.log('one-class', JSON.stringify(anomalies));
  const runs = readdirSync(join(work, '.aelab', 'runs')).filter((name) => name.startsWith('denoiser'));
  console.log('memory', JSON.stringify(await memory(join(work, '.aelab', 'runs', runs[0]))));
} finally {
  if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
