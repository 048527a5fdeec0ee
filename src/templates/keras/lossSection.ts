// The kind's loss in TensorFlow ops, matching src/trainer/models: reconstruction BCE/MSE as a mean over values, plus
// the sparse L1 / contractive Jacobian / VAE KL terms; denoising kinds also get the corruption of model.noise.
import type { Experiment, ModelKind, NoiseConfig } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { KINDS } from '../../protocol/kinds';
import { pythonLiteral } from '../python/pythonLiteral';
import { vqVaeLoss } from './vqVaeLoss';

// The trainer's defaults (models/sparse.ts, contractive.ts, betaVae.ts, corruption/createCorruption.ts), restated so
// this module stays free of tfjs; test/unit/kerasScript.test.ts checks they agree.
export const KERAS_DEFAULTS = {
  l1: 1e-4,
  contractiveWeight: 1e-4,
  beta: { vae: 1, 'conv-vae': 1, 'beta-vae': 4, iwae: 1 } as Partial<Record<ModelKind, number>>,
  iwaeSamples: 5,
  noise: { type: 'gaussian', sigma: 0.5 } as NoiseConfig,
};

export interface LossSection {
  /** Names of the logged loss parts, "loss" (the minimised total) first. */
  parts: string[];
  constants: string[];
  /** Module-level helpers: reconstruction losses and, for denoising, the corruption. */
  helpers: string;
  /** Body of Autoencoder.loss_parts(self, inputs, targets, training). */
  lossBody: string;
  /** Body of Autoencoder.call(self, inputs, training=False). */
  callBody: string;
  variational: boolean;
  corrupts: boolean;
}

const RECONSTRUCTION = `EPSILON = 1e-7


def value_errors(targets, outputs):
    """[batch, values]: per-value binary cross-entropy (outputs clipped like the run) or squared error."""
    t = tf.reshape(targets, [tf.shape(targets)[0], -1])
    o = tf.reshape(outputs, [tf.shape(outputs)[0], -1])
    if LOSS == "mse":
        return tf.square(t - o)
    o = tf.clip_by_value(o, EPSILON, 1.0 - EPSILON)
    return -(t * tf.math.log(o) + (1.0 - t) * tf.math.log(1.0 - o))


def reconstruction_loss(targets, outputs):
    """Mean over values and batch, as Keras reports binary cross-entropy and MSE."""
    return tf.reduce_mean(value_errors(targets, outputs))`;

const SUMMED_RECONSTRUCTION = `

def summed_reconstruction_loss(targets, outputs):
    """Summed over the values of a sample (the ELBO is per sample), mean over the batch."""
    return tf.reduce_mean(tf.reduce_sum(value_errors(targets, outputs), axis=1))`;

const PLAIN_CALL = 'return self.decoder(self.encoder(inputs, training=training), training=training)';

/** The kind's loss, its logged parts named by the kinds table (protocol/kinds.ts). */
export function lossSection(experiment: Experiment): LossSection {
  const { kind } = experiment;
  return { ...KERAS_LOSSES[kind](experiment), parts: ['loss', ...KINDS[kind].lossParts], variational: KINDS[kind].generative };
}

type KerasLoss = (experiment: Experiment) => Omit<LossSection, 'parts' | 'variational'>;

const variationalLoss: KerasLoss = ({ kind, model }) => ({
  constants: [`BETA = ${pythonLiteral(model.beta ?? KERAS_DEFAULTS.beta[kind] ?? 1)}  # weight of the KL term (beta-VAE when > 1)`],
  helpers: RECONSTRUCTION + SUMMED_RECONSTRUCTION,
  lossBody: `z_mean, z_log_var = self.encoder(inputs, training=training)
if training:  # reparameterisation: z stays differentiable in z_mean and z_log_var
    z = z_mean + tf.exp(0.5 * z_log_var) * tf.random.normal(tf.shape(z_mean))
else:  # evaluation decodes the mean, as the run did
    z = z_mean
recon = summed_reconstruction_loss(targets, self.decoder(z, training=training))
# KL(N(z_mean, exp(z_log_var)) || N(0, I)), summed over the code, mean over the batch
kl = -0.5 * tf.reduce_mean(tf.reduce_sum(1.0 + z_log_var - tf.square(z_mean) - tf.exp(z_log_var), axis=1))
return {"loss": recon + BETA * kl, "recon_loss": recon, "kl_loss": kl}`,
  callBody: `z_mean, _ = self.encoder(inputs, training=training)
return self.decoder(z_mean, training=training)`,
  corrupts: false,
});

const sparseLoss: KerasLoss = ({ model }) => ({
  constants: [`L1 = ${pythonLiteral(model.l1 ?? KERAS_DEFAULTS.l1)}  # weight of the L1 activity penalty on the code`],
  helpers: RECONSTRUCTION,
  lossBody: `code = self.encoder(inputs, training=training)
recon = reconstruction_loss(targets, self.decoder(code, training=training))
flat = tf.reshape(code, [tf.shape(code)[0], -1])
# Keras activity_regularizer semantics: L1 * sum |code| per sample, mean over the batch
penalty = L1 * tf.reduce_mean(tf.reduce_sum(tf.abs(flat), axis=1))
return {"loss": recon + penalty, "recon_loss": recon, "sparsity_penalty": penalty, "mean_activation": tf.reduce_mean(flat)}`,
  callBody: PLAIN_CALL,
  corrupts: false,
});

const contractiveLoss: KerasLoss = ({ model }) => ({
  constants: [`CONTRACTIVE_WEIGHT = ${pythonLiteral(model.contractiveWeight ?? KERAS_DEFAULTS.contractiveWeight)}  # lambda in loss + lambda * ||J_f(x)||_F^2`],
  helpers: RECONSTRUCTION,
  lossBody: `# The inner tape gives J = d code / d inputs per sample; the outer tape in train_step differentiates
# the penalty through it (second order), as the run's closed-form penalty is differentiated.
with tf.GradientTape() as tape:
    tape.watch(inputs)
    code = self.encoder(inputs, training=training)
jacobian = tape.batch_jacobian(code, inputs)  # [batch, code, *INPUT_SHAPE]
squared_norm = tf.reduce_sum(tf.reshape(tf.square(jacobian), [tf.shape(inputs)[0], -1]), axis=1)
penalty = CONTRACTIVE_WEIGHT * tf.reduce_mean(squared_norm)
recon = reconstruction_loss(targets, self.decoder(code, training=training))
return {"loss": recon + penalty, "recon_loss": recon, "contractive_penalty": penalty}`,
  callBody: PLAIN_CALL,
  corrupts: false,
});

const PLAIN_LOSS_BODY = `outputs = self.decoder(self.encoder(inputs, training=training), training=training)
return {"loss": reconstruction_loss(targets, outputs)}`;

const reconstructionOnly: KerasLoss = () => ({ constants: [], helpers: RECONSTRUCTION, lossBody: PLAIN_LOSS_BODY, callBody: PLAIN_CALL, corrupts: false });

const denoisingLoss: KerasLoss = ({ model }) => {
  const noise = model.noise ?? KERAS_DEFAULTS.noise;
  return {
    constants: [`NOISE = ${pythonLiteral(noise)}  # model.noise: how inputs are corrupted; targets stay clean`],
    helpers: `${RECONSTRUCTION}\n\n\n${corruption(noise)}`,
    lossBody: PLAIN_LOSS_BODY,
    callBody: PLAIN_CALL,
    corrupts: true,
  };
};

/** wae-mmd's defaults (models/waeMmd.ts, models/mmd.ts), restated like KERAS_DEFAULTS; kerasScript.test.ts checks them. */
export const WAE_MMD_DEFAULTS = { mmdWeight: 10, imqScales: [0.1, 0.2, 0.5, 1, 2, 5, 10] };

const waeMmdLoss: KerasLoss = ({ model }) => ({
  constants: [
    `MMD_WEIGHT = ${pythonLiteral(model.mmdWeight ?? WAE_MMD_DEFAULTS.mmdWeight)}  # lambda in recon + lambda * MMD(codes, N(0, I))`,
    `IMQ_SCALES = ${pythonLiteral(WAE_MMD_DEFAULTS.imqScales)}  # multiples of C = 2 * code size (prior variance 1)`,
  ],
  helpers: `${RECONSTRUCTION}${SUMMED_RECONSTRUCTION}


def imq_mmd(codes, prior):
    """Unbiased MMD^2 with the inverse multiquadratic kernel C / (C + |x - y|^2), summed over IMQ_SCALES (Tolstikhin et al. 2018)."""
    n = tf.cast(tf.shape(codes)[0], tf.float32)
    base_c = 2.0 * float(codes.shape[-1])

    def squared_distances(a, b):
        aa = tf.reduce_sum(tf.square(a), axis=1, keepdims=True)
        bb = tf.transpose(tf.reduce_sum(tf.square(b), axis=1, keepdims=True))
        return tf.nn.relu(aa + bb - 2.0 * tf.matmul(a, b, transpose_b=True))

    def kernel(distances):
        return tf.add_n([base_c * s / (base_c * s + distances) for s in IMQ_SCALES])

    off_diagonal = 1.0 - tf.eye(tf.shape(codes)[0])
    pairs = tf.maximum(n * (n - 1.0), 1.0)  # a one-row batch has no pairs: its MMD counts as 0, as in the run

    def within(x):
        return tf.reduce_sum(kernel(squared_distances(x, x)) * off_diagonal) / pairs

    across = tf.reduce_sum(kernel(squared_distances(codes, prior))) / (n * n)
    return tf.cast(n >= 2.0, tf.float32) * (within(codes) + within(prior) - 2.0 * across)`,
  lossBody: `code = self.encoder(inputs, training=training)
recon = summed_reconstruction_loss(targets, self.decoder(code, training=training))
mmd = imq_mmd(code, tf.random.normal(tf.shape(code)))
return {"loss": recon + MMD_WEIGHT * mmd, "recon_loss": recon, "mmd": mmd}`,
  callBody: PLAIN_CALL,
  corrupts: false,
});

/** The AAE alternates three optimizers per batch; the script trains one model with one optimizer, so it says why not. */
const notExportableAae: KerasLoss = () => {
  throw new InputError(
    'the aae kind cannot be exported as a Keras script: each batch runs three optimizers in turn (reconstruction; the discriminator on codes against prior samples; the encoder against the discriminator), and the exported script trains one model with one optimizer through model.fit',
    { field: 'kind' },
  );
};

/** Every kind names its loss here: a new kind does not compile until it says what its exported script minimises. */
const KERAS_LOSSES: Record<ModelKind, KerasLoss> = {
  undercomplete: reconstructionOnly,
  deep: reconstructionOnly,
  conv: reconstructionOnly,
  custom: reconstructionOnly,
  conv1d: reconstructionOnly,
  lstm: reconstructionOnly,
  denoising: denoisingLoss,
  sparse: sparseLoss,
  contractive: contractiveLoss,
  vae: variationalLoss,
  'conv-vae': variationalLoss,
  'beta-vae': variationalLoss,
  'wae-mmd': waeMmdLoss,
  aae: notExportableAae,
  cvae: notExportable('kind "cvae" is not exportable to Keras: its encoder and decoder take the one-hot label as a second input, and the script\'s data pipeline carries images only, without their labels'),
  iwae: (experiment) => importanceWeightedLoss(experiment),
  'vq-vae': (experiment) => {
    const { quantizer, ...loss } = vqVaeLoss(experiment);
    return { ...loss, helpers: `${RECONSTRUCTION}\n\n\n${quantizer}` };
  },
};

/** A kind the script cannot train yet: the export stops with this reason instead of writing a script that differs. */
function notExportable(reason: string): KerasLoss {
  return () => {
    throw new InputError(reason, { field: 'kind' });
  };
}

/** models/iwae.ts: minus the k-sample importance-weighted bound; the ELBO of the same log weights is logged beside it. */
const importanceWeightedLoss: KerasLoss = (experiment) => ({
  ...variationalLoss(experiment),
  constants: [
    `BETA = ${pythonLiteral(experiment.model.beta ?? 1)}  # weight of log p(z) - log q(z|x) in each log weight (1: the IWAE bound)`,
    `IWAE_SAMPLES = ${pythonLiteral(experiment.model.samples ?? KERAS_DEFAULTS.iwaeSamples)}  # k, importance samples per input`,
  ],
  lossBody: `z_mean, z_log_var = self.encoder(inputs, training=training)
k = IWAE_SAMPLES
batch, dims = tf.shape(z_mean)[0], tf.shape(z_mean)[1]
eps = tf.random.normal(tf.stack([k, batch, dims]))  # validation also samples: the bound is an expectation over z
z = z_mean[None] + tf.exp(0.5 * z_log_var)[None] * eps
outputs = self.decoder(tf.reshape(z, [-1, dims]), training=training)
t = tf.reshape(targets, [1, batch, -1])
repeated = tf.reshape(tf.tile(t, [k, 1, 1]), [k * batch, -1])
log_px = -tf.reshape(tf.reduce_sum(value_errors(repeated, outputs), axis=1), [k, batch])
# log p(z) - log q(z|x) for z = z_mean + sigma * eps; the 2-pi terms cancel
log_ratio = 0.5 * tf.reduce_sum(tf.square(eps) - tf.square(z) + z_log_var[None], axis=2)
log_w = log_px + BETA * log_ratio
bound = tf.reduce_mean(tf.reduce_logsumexp(log_w, axis=0) - tf.math.log(tf.cast(k, tf.float32)))
return {"loss": -bound, "iwae_bound": bound, "elbo": tf.reduce_mean(log_w)}`,
});

/** The random draw a corruption needs: stateful in training, stateless (fixed) in validation. */
const randomDraw = (kind: 'normal' | 'uniform') => `# Training draws fresh noise per batch; validation the same noise every epoch, so val_loss is comparable.
VALIDATION_NOISE_SEED = (SEED, 12345)


def random_${kind}(shape, seed):
    return tf.random.${kind}(shape) if seed is None else tf.random.stateless_${kind}(shape, seed=seed)`;

const NO_RANDOM = 'VALIDATION_NOISE_SEED = None  # this corruption draws no random numbers';

/** corrupt(clean, seed) for the experiment's noise type only, as in src/trainer/models/corruption/. */
function corruption(noise: NoiseConfig): string {
  switch (noise.type) {
    case 'gaussian':
      return `${randomDraw('normal')}


def corrupt(clean, seed):
    """clean + sigma * N(0, 1), clipped to [0, 1] (the Keras blog "noise factor")."""
    return tf.clip_by_value(clean + NOISE["sigma"] * random_normal(tf.shape(clean), seed), 0.0, 1.0)`;
    case 'salt-pepper':
      return `${randomDraw('uniform')}


def corrupt(clean, seed):
    """Each pixel (all its channels together) becomes 0 or 1 with probability p/2 each."""
    shape = tf.concat([tf.shape(clean)[:3], [1]], axis=0) if len(INPUT_SHAPE) == 3 else tf.shape(clean)
    u = random_uniform(shape, seed)
    hit = tf.cast(u < NOISE["p"], clean.dtype)
    salt = tf.cast(u >= NOISE["p"] / 2, clean.dtype) * hit
    return clean * (1.0 - hit) + salt`;
    case 'mask':
      return `${randomDraw('uniform')}


def corrupt(clean, seed):
    """Blanks NOISE["boxes"] random squares per image (side = size * image side) to 0: inpainting."""
    height, width = INPUT_SHAPE[0], INPUT_SHAPE[1]
    box_h = max(1, int(NOISE["size"] * height + 0.5))
    box_w = max(1, int(NOISE["size"] * width + 0.5))
    u = random_uniform(tf.stack([tf.shape(clean)[0], NOISE["boxes"], 2]), seed)
    top = tf.floor(u[..., 0] * (height - box_h + 1))[:, :, None, None]  # [batch, boxes, 1, 1]
    left = tf.floor(u[..., 1] * (width - box_w + 1))[:, :, None, None]
    rows = tf.range(height, dtype=tf.float32)[None, None, :, None]
    cols = tf.range(width, dtype=tf.float32)[None, None, None, :]
    inside = (rows >= top) & (rows < top + box_h) & (cols >= left) & (cols < left + box_w)
    covered = tf.cast(tf.reduce_any(inside, axis=1), clean.dtype)[..., None]  # [batch, height, width, 1]
    return clean * (1.0 - covered)`;
    case 'downsample':
      return `${NO_RANDOM}


def corrupt(clean, seed):
    """Average-pools by NOISE["factor"], then resizes back bilinearly: a super-resolution input. No randomness."""
    factor = NOISE["factor"]
    if factor == 1:
        return clean
    small = tf.nn.avg_pool2d(clean, factor, factor, "SAME")
    return tf.clip_by_value(tf.image.resize(small, INPUT_SHAPE[:2], method="bilinear"), 0.0, 1.0)`;
    case 'grayscale':
      return `${NO_RANDOM}


def corrupt(clean, seed):
    """RGB -> luminance (ITU-R BT.601) on all 3 channels: a colourisation input. No randomness."""
    luminance = tf.reduce_sum(clean * tf.constant([0.299, 0.587, 0.114]), axis=-1, keepdims=True)
    return tf.tile(luminance, [1, 1, 1, 3])`;
    case 'audio':
      return `${randomDraw('uniform')}


def corrupt(clean, seed):
    """White noise at NOISE["snr"] dB mixed per STFT bin into [0, 1] log-magnitudes (-100..0 dB), as the trainer does:
    |S + N|^2 = |S|^2 + |N|^2 + 2|S||N|cos(theta), |N|^2 exponential with mean = the patch's mean clean power / 10^(snr/10)."""
    db_to_ln = np.log(10.0) / 20.0
    amplitude = tf.exp((tf.clip_by_value(clean, 0.0, 1.0) * 100.0 - 100.0) * db_to_ln)
    noise_power = tf.reduce_mean(amplitude**2, axis=[1, 2, 3], keepdims=True) / 10.0 ** (NOISE["snr"] / 10.0)
    u = random_uniform(tf.concat([[2], tf.shape(clean)], axis=0), seed)
    noise = tf.sqrt(-tf.math.log(1.0 - u[0]) * noise_power)
    noisy = tf.sqrt(tf.nn.relu(amplitude**2 + noise**2 + 2.0 * amplitude * noise * tf.cos(2.0 * np.pi * u[1])) + 1e-30)
    return tf.clip_by_value((tf.math.log(noisy) / db_to_ln + 100.0) / 100.0, 0.0, 1.0)`;
  }
}
