// Turns the zod experiment schema into the JSON Schema that VS Code uses for *.ae.json completion and hover.
import { z } from 'zod';
import { experimentSchema } from '../src/protocol/experiment';

export function experimentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(experimentSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return { ...schema, title: 'Autoencoder Lab experiment (*.ae.json)', description: 'An autoencoder experiment: model kind, data, and training settings.' };
}
