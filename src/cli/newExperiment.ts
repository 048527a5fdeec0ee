import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findTemplate, renderTemplate, TEMPLATES } from '../templates/templates';
import { writeFileAtomic } from '../runs/atomicWrite';

export function newExperimentCommand(kind: string, name: string | undefined, dir: string): number {
  const template = findTemplate(kind);
  if (!template) {
    process.stderr.write(`aelab new: unknown kind or template "${kind}"; expected one of ${TEMPLATES.map((t) => t.id).join(', ')}\n`);
    return 2;
  }
  const experimentName = name ?? `${kind}-mnist`;
  if (!/^[A-Za-z0-9._-]+$/.test(experimentName)) {
    process.stderr.write(`aelab new: name "${experimentName}" may only use letters, digits, ".", "_" and "-"\n`);
    return 2;
  }
  const file = join(dir, `${experimentName}.ae.json`);
  if (existsSync(file)) {
    process.stderr.write(`aelab new: ${file} already exists; pick another name\n`);
    return 2;
  }
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(file, renderTemplate(template, experimentName));
  process.stdout.write(`wrote ${relative(process.cwd(), file) || file} (${template.label})\n`);
  return 0;
}
