// Generates malformed messages: wrong types, missing or extra fields, near-miss shapes of real messages, deep junk.
type Random = () => number;

const TYPES = ['start', 'stop', 'decode', 'serve', 'embed', 'INITIALIZED', 'epoch', '', 'START', '__proto__', 'constructor'];

function junk(random: Random, depth = 0): unknown {
  const pick = Math.floor(random() * 12);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return random() * 1e12 - 5e11;
    case 3:
      return [NaN, Infinity, -0][Math.floor(random() * 3)];
    case 4:
      return 'x'.repeat(Math.floor(random() * 300));
    case 5:
      return '../../etc/passwd';
    case 6:
      return random() > 0.5;
    case 7:
      return depth > 3 ? {} : Array.from({ length: Math.floor(random() * 4) }, () => junk(random, depth + 1));
    case 8:
      return new Float32Array(Math.floor(random() * 8));
    case 9:
      return depth > 3 ? [] : Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`k${i}`, junk(random, depth + 1)]));
    case 10:
      return { __proto__: { polluted: true }, type: 'stop ' };
    default:
      return Symbol.for('x').toString();
  }
}

/** Never a valid host->trainer message: every near-miss breaks at least one field. */
export function randomMessage(random: Random): unknown {
  const type = TYPES[Math.floor(random() * TYPES.length)];
  const variant = Math.floor(random() * 6);
  if (variant === 0) return junk(random);
  if (type === 'stop') return { type: 'stopp', ...((junk(random) as object) ?? {}) };
  const message: Record<string, unknown> = { type };
  if (variant >= 2) message.experimentFile = random() > 0.5 ? junk(random) : '';
  if (variant >= 3) message.runsDir = junk(random);
  if (variant >= 4) message.codes = junk(random);
  if (variant >= 5) message.requestId = -1 - Math.floor(random() * 10);
  if (type === 'start' || type === 'embed' || type === 'serve' || type === 'decode') message.runDir = 42;
  message.requestId = -1;
  message.experimentFile = '';
  return message;
}
