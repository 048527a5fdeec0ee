// Every template is a valid experiment file that names its source, and `aelab new <kind>` finds one per kind.
import { describe, expect, it } from 'vitest';
import { experimentSchema, MODEL_KINDS } from '../../../src/protocol/experiment';
import { findTemplate, renderTemplate, TEMPLATES } from '../../../src/templates/templates';

describe('templates', () => {
  it('cover every kind, with unique ids', () => {
    for (const kind of MODEL_KINDS) expect(findTemplate(kind)?.kind).toBe(kind);
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s renders a valid experiment naming its reference', (_, template) => {
    const rendered = JSON.parse(renderTemplate(template, 'my-run'));
    const experiment = experimentSchema.parse(rendered);
    expect(experiment.name).toBe('my-run');
    expect(experiment.kind).toBe(template.kind);
    expect(rendered.comment).toContain(template.reference);
    if (template.referenceLoss) expect(rendered.comment).toContain(template.referenceLoss);
  });

  it('finds the extra templates by id', () => {
    expect(findTemplate('denoising-keras-io')?.kind).toBe('denoising');
    expect(findTemplate('denoising')?.id).toBe('denoising');
  });
});
