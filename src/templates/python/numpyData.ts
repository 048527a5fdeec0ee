// The numpy parts of an exported script's data pipeline, shared by the Keras and the PyTorch export: the IDX, CSV and
// NPY loaders (each a Python `load_raw(path)`) and PREPARE (the run's normalisation, dropping non-finite samples, the
// seeded shuffle, data.limit and the validation split). Only the loaders that need a framework differ per export.
import type { Experiment } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import type { Normalization } from '../../trainer/data/dataset';
import { pythonLiteral } from './pythonLiteral';
import { SEEDED_SHUFFLE } from './seededShuffle';

export interface Loader {
  imports: string[];
  constants: string[];
  code: string;
}

export const NUMPY_LOADERS = {
  idx: () => ({
    imports: ['gzip', 'struct'],
    constants: [],
    code: `IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def load_raw(path):
    """An IDX file, gzipped or not: [N, H] is a table; [N, H, W] images get a channel axis."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\\x1f\\x8b":
        raw = gzip.decompress(raw)
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in IDX_TYPES:
        raise SystemExit(f"{path}: not an IDX file (bad magic number)")
    rank = raw[3]
    dims = struct.unpack(">" + "i" * rank, raw[4 : 4 + 4 * rank])
    x = np.frombuffer(raw, dtype=IDX_TYPES[raw[2]], count=int(np.prod(dims)), offset=4 + 4 * rank)
    x = x.reshape(dims)
    return x[..., np.newaxis] if rank == 3 else x`,
  }),
  csv: (experiment) => ({
    imports: ['gzip'],
    constants: [`HEADER = ${pythonLiteral(experiment.data.header)}  # data.header: True, False or "auto"`, `LABEL_COLUMN = ${pythonLiteral(experiment.data.labelColumn ?? null)}  # data.labelColumn: name or 0-based index, not a feature`],
    code: `def is_number(cell):
    try:
        float(cell)  # also takes nan and inf; those rows are dropped later, as in the run
        return True
    except ValueError:
        return False


def load_raw(path):
    """A numeric CSV table, optionally gzipped; comma-, tab- or semicolon-separated, label column removed."""
    with open(path, "rb") as f:
        gzipped = f.read(2) == b"\\x1f\\x8b"
    with (gzip.open if gzipped else open)(path, "rt", encoding="utf-8-sig") as f:
        lines = [line for line in f.read().splitlines() if line.strip()]
    delimiter = max([",", "\\t", ";"], key=lines[0].count)
    first = [cell.strip() for cell in lines[0].split(delimiter)]
    label = LABEL_COLUMN
    if isinstance(label, str):
        if label not in first:
            raise SystemExit(f"{path}: LABEL_COLUMN {label!r} is not in the header {first[:20]}")
        label = first.index(label)
    header = HEADER
    if header == "auto":
        header = isinstance(LABEL_COLUMN, str) or any(c and not is_number(c) for i, c in enumerate(first) if i != label)
    table = np.genfromtxt(lines[1:] if header else lines, delimiter=delimiter, dtype=np.float64, ndmin=2)
    return table if label is None else np.delete(table, label, axis=1)`,
  }),
  npy: () => ({
    imports: [],
    constants: [],
    code: `def load_raw(path):
    """A .npy array: (N, D) table, (N, H, W) grayscale images (a channel axis is added) or (N, H, W, C)."""
    x = np.load(path)
    return x[..., np.newaxis] if x.ndim == 3 else x`,
  }),
} satisfies Record<string, (experiment: Experiment) => Loader>;

/** A series' windows, time split and training-part normalisation, or audio's STFT patches: no Python loader yet. */
export function refusedFormat(exportName: string, format: 'timeseries' | 'audio'): never {
  const why =
    format === 'timeseries'
      ? 'its windows, time split and training-part normalisation have no Python loader'
      : 'its STFT patches and fixed dB scale have no Python loader';
  throw new InputError(`the ${exportName} export does not support data.format "${format}" yet (${why}); train the run with aelab instead`, { field: 'data.format' });
}

/** Scale keeps its divisor; min-max and z-score statistics are recomputed from the data, as the run computed them. */
export function normalizationSetting(normalization: Normalization): Record<string, unknown> {
  return normalization.kind === 'scale' ? { kind: 'scale', divisor: normalization.divisor } : { kind: normalization.kind };
}

/** Shared by every source: normalise as the run did, drop non-finite samples, shuffle, limit, split. */
export const PREPARE = `def normalize(raw):
    """Maps raw values as the run did (NORMALIZATION, from data.json), then drops samples with NaN or inf.
    min-max and z-score statistics are per feature, over all samples, finite values only (as in the run)."""
    x = raw.reshape(len(raw), -1).astype("float64")
    kind = NORMALIZATION["kind"]
    if kind == "scale":
        x = x / NORMALIZATION["divisor"]
    elif kind in ("minmax", "zscore"):
        finite = np.where(np.isfinite(x), x, np.nan)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
            if kind == "minmax":
                low = np.nan_to_num(np.nanmin(finite, axis=0))
                span = np.nan_to_num(np.nanmax(finite, axis=0)) - low
                # A constant column carries no information: 0 rather than 0/0.
                x = np.where(span > 0, (x - low) / np.where(span > 0, span, 1), np.where(np.isfinite(x), 0, x))
            else:
                mean = np.nan_to_num(np.nanmean(finite, axis=0))
                std = np.nanstd(finite, axis=0)
                x = (x - mean) / np.where(np.isfinite(std) & (std > 0), std, 1)
    x = x.reshape((len(raw),) + tuple(raw.shape[1:])).astype("float32")
    if x.shape[1:] != INPUT_SHAPE:
        raise SystemExit(f"the data has samples of shape {x.shape[1:]}, the network takes {INPUT_SHAPE}")
    keep = np.isfinite(x.reshape(len(x), -1)).all(axis=1)
    if not keep.all():
        print(f"dropped {np.count_nonzero(~keep)} samples with NaN or infinite values")
    return x[keep]


${SEEDED_SHUFFLE}


def split(x):
    """The run's seeded shuffle, LIMIT, then the first VALIDATION_SPLIT of the samples are held out: the same
    validation samples as the run when the data and its order are the same."""
    order = np.asarray(seeded_permutation(len(x), SEED), dtype=np.int64)
    if LIMIT is not None:
        order = order[:LIMIT]
    held_out = int(len(order) * VALIDATION_SPLIT + 0.5)  # rounds half up, like the run
    return x[order[held_out:]], x[order[:held_out]]`;
