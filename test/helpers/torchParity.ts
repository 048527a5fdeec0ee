// Runs a saved tfjs model's rebuilt PyTorch network (the export's Network + load_tfjs_weights) on the inputs a test
// gives, and returns the max abs difference of each output from the tfjs outputs it also gives.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { networkSpec } from '../../src/templates/python/networkSpec';
import { findTorchPython } from '../../src/templates/python/torchPython';
import { checkExportableNetwork, PYTORCH_NETWORK, PYTORCH_NETWORK_IMPORTS } from '../../src/templates/pytorch/networkSection';

export interface TensorJson {
  shape: number[];
  data: number[];
}

export interface TorchComparison {
  /** Max abs difference per output, in spec["outputs"] order. */
  differences: number[];
  outputs: number;
}

const RUNNER = `${PYTORCH_NETWORK_IMPORTS.join('\n')}
import sys


${PYTORCH_NETWORK}


def main(case_file, model_dir):
    with open(case_file, encoding="utf-8") as file:
        case = json.load(file)
    network = Network(case["spec"])
    load_tfjs_weights(network, model_dir)
    network.eval()
    inputs = [torch.tensor(x["data"], dtype=torch.float32).reshape(x["shape"]) for x in case["inputs"]]
    with torch.no_grad():
        outputs = network(*inputs)
    outputs = outputs if isinstance(outputs, list) else [outputs]
    differences = []
    for output, expected in zip(outputs, case["outputs"]):
        if list(output.shape) != expected["shape"]:
            raise SystemExit(f"output shape {list(output.shape)}, expected {expected['shape']}")
        wanted = torch.tensor(expected["data"], dtype=torch.float32).reshape(expected["shape"])
        differences.append(float((output - wanted).abs().max()))
    print(json.dumps({"differences": differences, "outputs": len(outputs)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
`;

export function torchPythonOrThrow(): string {
  const reasons: string[] = [];
  const found = findTorchPython(reasons);
  if (!found) throw new Error(`these tests need PyTorch (apt-get install python3-torch): ${reasons.join('; ')}`);
  return found.python;
}

/** Python runs the rebuilt network of `<modelDir>/model.json` on `inputs`; the network must pass checkExportableNetwork. */
export function compareWithTorch(modelDir: string, inputs: TensorJson[], outputs: TensorJson[]): TorchComparison {
  const python = torchPythonOrThrow();
  const runner = torchParityRunner();
  const modelJson = join(modelDir, 'model.json');
  const spec = networkSpec(JSON.parse(readFileSync(modelJson, 'utf8')), modelJson);
  checkExportableNetwork(spec, modelJson);
  const caseFile = join(runner, '..', 'case.json');
  writeFileSync(caseFile, JSON.stringify({ spec, inputs, outputs }));
  const result = spawnSync(python, [runner, caseFile, modelDir], { encoding: 'utf8', timeout: 120_000 });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as TorchComparison;
}

/** The Python runner as a file: `<python> <file> <case.json> <model dir>` (for tests that edit a model first). */
export function torchParityRunner(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'aelab-torch-parity-')), 'parity.py');
  writeFileSync(file, RUNNER);
  return file;
}
