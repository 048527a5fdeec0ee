// Which Python runs PyTorch here: AELAB_PYTHON when set, else the first of python3 and /usr/bin/python3 that imports
// torch. Debian's python3-torch lives in /usr/bin/python3, which a pyenv or venv python3 earlier on PATH can hide.
// torchrun is run as `<python> -m torch.distributed.run`, so it always uses the same interpreter.
import { spawnSync } from 'node:child_process';

export interface TorchPython {
  python: string;
  torchVersion: string;
}

const CANDIDATES = ['python3', '/usr/bin/python3'];

/** The first interpreter that imports torch, or undefined (with why each candidate failed in `reasons`). */
export function findTorchPython(reasons: string[] = []): TorchPython | undefined {
  const candidates = process.env.AELAB_PYTHON ? [process.env.AELAB_PYTHON] : CANDIDATES;
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status === 0) return { python, torchVersion: probe.stdout.trim() };
    reasons.push(`${python}: ${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1) ?? `exit ${probe.status}`}`);
  }
  return undefined;
}
