// The reproduction script's data per template: MNIST templates are left alone, the series and audio templates get
// real data (and the series ones an anomaly check), and a template whose data the script cannot provide is skipped
// with its reason in the report instead of training on MNIST.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script module without types
import { renderReport } from '../../scripts/reproduce/report.mjs';
// @ts-expect-error plain .mjs script module without types
import { dataOf, realDataFor } from '../../scripts/reproduce/templateData.mjs';
import { TEMPLATES, type Template } from '../../src/templates/templates';
import { tempWorkspace } from '../helpers/experimentFiles';

const template = (id: string) => TEMPLATES.find((t) => t.id === id)!;

describe('reproduction data per template', () => {
  it('names the data of every template', () => {
    const formats = Object.fromEntries(TEMPLATES.map((t) => [t.id, dataOf(t)]));
    expect(formats).toMatchObject({ conv1d: 'timeseries', lstm: 'timeseries', 'audio-denoiser': 'audio', deep: 'mnist', conv: 'mnist' });
    expect(Object.values(formats).every((f) => ['mnist', 'timeseries', 'audio'].includes(f as string))).toBe(true);
  });

  it('points a series template at the Seattle weather file, with a coarser stride in quick mode', () => {
    const dir = tempWorkspace();
    const real = realDataFor(template('conv1d'), { quick: true }, dir);
    const experiment = template('conv1d').experiment('x');
    real.patch(experiment);
    expect(experiment.data).toMatchObject({ format: 'timeseries', window: 288, stride: 4 });
    expect(existsSync(experiment.data.source)).toBe(true);
    expect(real.limit).toBe(1500);
    expect(typeof real.after).toBe('function');
    expect(realDataFor(template('deep'), { quick: true }, dir)).toEqual({});
  });

  it('skips a template whose data it has no copy of, and the report says why', () => {
    const npy: Template = { ...template('deep'), id: 'npy-thing', experiment: (name) => ({ ...template('deep').experiment(name), data: { source: 'codes.npy', format: 'npy' } }) };
    const real = realDataFor(npy, {}, tempWorkspace());
    expect(real.skip).toMatch(/format npy.*not MNIST/);
    const report = renderReport([{ template: npy, plan: { templateEpochs: 100, epochs: 10 }, skipped: real.skip }], { argv: [], quick: false, jobs: 1, data: 'builtin:mnist' });
    expect(report).toMatch(/\| npy-thing \| deep \| .* \| skipped: its data \(format npy\) is not MNIST/);
  });
});
