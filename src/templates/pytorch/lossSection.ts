// The kind's loss in torch, matching src/trainer/models (and the Keras export's keras/lossSection.ts): reconstruction
// BCE/MSE as a mean over values, plus the sparse L1, contractive Jacobian and VAE KL terms; the denoising kind also
// gets the corruption of model.noise. Tensors are in the tfjs layout (NHWC images, [N, F] tables) throughout.
import type { Experiment, ModelKind, NoiseConfig } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { KINDS } from '../../protocol/kinds';
import { KERAS_DEFAULTS, WAE_MMD_DEFAULTS } from '../keras/lossSection';
import { pythonLiteral } from '../python/pythonLiteral';

export interface TorchLoss {
  /** Names of the logged loss parts, "loss" (the minimised total) first. */
  parts: string[];
  constants: string[];
  /** Module-level helpers: reconstruction losses and, for denoising, corrupt(clean, generator). */
  helpers: string;
  /** Body of Autoencoder.forward(self, inputs, targets): returns the dict of loss parts. */
  forwardBody: string;
  corrupts: boolean;
  /** The loss weighs a KL term by KL_WEIGHT (BETA, or training.klWarmup / klCycle's value for the epoch). */
  klWeighted?: boolean;
}

const RECONSTRUCTION = `EPSILON = 1e-7


def value_errors(targets, outputs):
    """[batch, values]: per-value binary cross-entropy (outputs clipped like the run) or squared error."""
    t = targets.reshape(len(targets), -1)
    o = outputs.reshape(len(outputs), -1)
    if LOSS == "mse":
        return (t - o) ** 2
    o = o.clamp(EPSILON, 1.0 - EPSILON)
    return -(t * torch.log(o) + (1.0 - t) * torch.log(1.0 - o))


def reconstruction_loss(targets, outputs):
    """Mean over values and batch, as the run reports binary cross-entropy and MSE."""
    return value_errors(targets, outputs).mean()


def summed_reconstruction_loss(targets, outputs):
    """Summed over the values of a sample (the ELBO is per sample), mean over the batch."""
    return value_errors(targets, outputs).sum(dim=1).mean()`;

const PLAIN = `outputs = self.decoder(self.encoder(inputs))
return {"loss": reconstruction_loss(targets, outputs)}`;

type TorchLossOf = (experiment: Experiment) => Omit<TorchLoss, 'parts'>;

/** The weight the loss puts on its KL term; train() sets it each epoch (aidsSection's scheduled_kl_weight). */
const KL_WEIGHT = 'KL_WEIGHT = BETA  # the KL weight of the epoch being trained: BETA, unless training.klWarmup / klCycle reshape it';

const reconstructionOnly: TorchLossOf = () => ({ constants: [], helpers: RECONSTRUCTION, forwardBody: PLAIN, corrupts: false });

const variational: TorchLossOf = ({ kind, model }) => ({
  constants: [`BETA = ${pythonLiteral(model.beta ?? KERAS_DEFAULTS.beta[kind] ?? 1)}  # weight of the KL term (beta-VAE when > 1)`, KL_WEIGHT],
  helpers: RECONSTRUCTION,
  forwardBody: `z_mean, z_log_var = self.encoder(inputs)
if self.training:  # reparameterisation: z stays differentiable in z_mean and z_log_var
    z = z_mean + torch.exp(0.5 * z_log_var) * torch.randn_like(z_mean)
else:  # evaluation decodes the mean, as the run did
    z = z_mean
recon = summed_reconstruction_loss(targets, self.decoder(z))
# KL(N(z_mean, exp(z_log_var)) || N(0, I)), summed over the code, mean over the batch
kl = -0.5 * (1.0 + z_log_var - z_mean**2 - torch.exp(z_log_var)).sum(dim=1).mean()
return {"loss": recon + KL_WEIGHT * kl, "recon_loss": recon, "kl_loss": kl}`,
  corrupts: false,
  klWeighted: true,
});

const sparse: TorchLossOf = ({ model }) => ({
  constants: [`L1 = ${pythonLiteral(model.l1 ?? KERAS_DEFAULTS.l1)}  # weight of the L1 activity penalty on the code`],
  helpers: RECONSTRUCTION,
  forwardBody: `code = self.encoder(inputs)
recon = reconstruction_loss(targets, self.decoder(code))
flat = code.reshape(len(code), -1)
# L1 * sum |code| per sample, mean over the batch (Keras activity_regularizer semantics, as in the run)
penalty = L1 * flat.abs().sum(dim=1).mean()
return {"loss": recon + penalty, "recon_loss": recon, "sparsity_penalty": penalty, "mean_activation": flat.mean().detach()}`,
  corrupts: false,
});

const contractive: TorchLossOf = ({ model }) => ({
  constants: [`CONTRACTIVE_WEIGHT = ${pythonLiteral(model.contractiveWeight ?? KERAS_DEFAULTS.contractiveWeight)}  # lambda in loss + lambda * ||J_f(x)||_F^2`],
  helpers: RECONSTRUCTION,
  forwardBody: `# J = d code / d inputs, one code unit at a time (samples are independent, so the batch sum gives each sample's
# row); create_graph lets training differentiate the penalty. Evaluation needs these gradients too.
with torch.enable_grad():
    inputs = inputs.detach().requires_grad_(True)
    code = self.encoder(inputs)
    flat = code.reshape(len(code), -1)
    squared_norm = torch.zeros(len(code), device=code.device)
    for unit in range(flat.shape[1]):
        (row,) = torch.autograd.grad(flat[:, unit].sum(), inputs, retain_graph=True, create_graph=self.training)
        squared_norm = squared_norm + (row.reshape(len(row), -1) ** 2).sum(dim=1)
penalty = CONTRACTIVE_WEIGHT * squared_norm.mean()
recon = reconstruction_loss(targets, self.decoder(code))
return {"loss": recon + penalty, "recon_loss": recon, "contractive_penalty": penalty}`,
  corrupts: false,
});

const denoising: TorchLossOf = ({ model }) => {
  const noise = model.noise ?? KERAS_DEFAULTS.noise;
  return {
    constants: [`NOISE = ${pythonLiteral(noise)}  # model.noise: how inputs are corrupted; targets stay clean`],
    helpers: `${RECONSTRUCTION}\n\n\n${corruption(noise)}`,
    forwardBody: PLAIN,
    corrupts: true,
  };
};

const waeMmd: TorchLossOf = ({ model }) => ({
  constants: [
    `MMD_WEIGHT = ${pythonLiteral(model.mmdWeight ?? WAE_MMD_DEFAULTS.mmdWeight)}  # lambda in recon + lambda * MMD(codes, N(0, I))`,
    `IMQ_SCALES = ${pythonLiteral(WAE_MMD_DEFAULTS.imqScales)}  # multiples of C = 2 * code size (prior variance 1)`,
  ],
  helpers: `${RECONSTRUCTION}


def imq_mmd(codes, prior):
    """Unbiased MMD^2 with the inverse multiquadratic kernel C / (C + |x - y|^2), summed over IMQ_SCALES."""
    n = len(codes)
    if n < 2:  # a one-row batch has no pairs: its MMD counts as 0, as in the run
        return codes.sum() * 0.0
    base_c = 2.0 * codes.shape[1]

    def kernel(a, b):
        distances = torch.cdist(a, b) ** 2
        return sum(base_c * s / (base_c * s + distances) for s in IMQ_SCALES)

    off_diagonal = 1.0 - torch.eye(n, device=codes.device)
    pairs = n * (n - 1.0)
    within = (kernel(codes, codes) * off_diagonal).sum() / pairs + (kernel(prior, prior) * off_diagonal).sum() / pairs
    return within - 2.0 * kernel(codes, prior).sum() / (n * n)`,
  forwardBody: `code = self.encoder(inputs)
recon = summed_reconstruction_loss(targets, self.decoder(code))
if self.training:
    prior = torch.randn_like(code)
else:  # the same prior batch every evaluation, so val_mmd is comparable epoch to epoch (as in the run)
    prior = torch.randn(code.shape, generator=torch.Generator().manual_seed(SEED)).to(code.device)
mmd = imq_mmd(code, prior)
return {"loss": recon + MMD_WEIGHT * mmd, "recon_loss": recon, "mmd": mmd}`,
  corrupts: false,
});

const importanceWeighted: TorchLossOf = (experiment) => ({
  constants: [
    `BETA = ${pythonLiteral(experiment.model.beta ?? 1)}  # weight of log p(z) - log q(z|x) in each log weight (1: the IWAE bound)`,
    KL_WEIGHT,
    `IWAE_SAMPLES = ${pythonLiteral(experiment.model.samples ?? KERAS_DEFAULTS.iwaeSamples)}  # k, importance samples per input`,
  ],
  helpers: RECONSTRUCTION,
  forwardBody: `z_mean, z_log_var = self.encoder(inputs)
k, (batch, dims) = IWAE_SAMPLES, z_mean.shape
eps = torch.randn((k, batch, dims), device=z_mean.device)  # validation also samples: the bound is an expectation
z = z_mean[None] + torch.exp(0.5 * z_log_var)[None] * eps
outputs = self.decoder(z.reshape(k * batch, dims))
repeated = targets.reshape(1, batch, -1).expand(k, -1, -1).reshape(k * batch, -1)
log_px = -value_errors(repeated, outputs).sum(dim=1).reshape(k, batch)
# log p(z) - log q(z|x) for z = z_mean + sigma * eps; the 2-pi terms cancel
log_ratio = 0.5 * (eps**2 - z**2 + z_log_var[None]).sum(dim=2)
log_w = log_px + KL_WEIGHT * log_ratio
bound = (torch.logsumexp(log_w, dim=0) - math.log(k)).mean()
return {"loss": -bound, "iwae_bound": bound, "elbo": log_w.mean()}`,
  corrupts: false,
  klWeighted: true,
});

/** A kind the script cannot train: the export stops saying why instead of writing a script that differs. */
function refused(why: string): TorchLossOf {
  return ({ kind }) => {
    throw new InputError(`kind "${kind}" cannot be exported to PyTorch: ${why}`, { field: 'kind' });
  };
}

/** Every kind answers here: a new kind does not compile until it says what its exported script minimises, or why not. */
const TORCH_LOSSES: Record<ModelKind, TorchLossOf> = {
  undercomplete: reconstructionOnly,
  deep: reconstructionOnly,
  conv: reconstructionOnly,
  custom: reconstructionOnly,
  conv1d: reconstructionOnly,
  lstm: reconstructionOnly,
  denoising,
  sparse,
  contractive,
  vae: variational,
  'conv-vae': variational,
  'beta-vae': variational,
  iwae: importanceWeighted,
  'wae-mmd': waeMmd,
  aae: refused('each batch runs three optimizers in turn (reconstruction, the discriminator on codes against prior samples, the encoder against the discriminator), and the exported script trains one model with one optimizer'),
  cvae: refused('its encoder and decoder take the one-hot label as a second input, and the script\'s data pipeline carries the samples only, without their labels'),
  'vq-vae': refused('its codebook layer, straight-through gradients and dead-code restarts have no PyTorch rebuild in the script'),
};

export function torchLoss(experiment: Experiment): TorchLoss {
  const { kind } = experiment;
  return { ...TORCH_LOSSES[kind](experiment), parts: ['loss', ...KINDS[kind].lossParts] };
}

/** Training draws from the script's generator; validation from one seeded per batch, so val_loss is comparable. */
function corruption(noise: NoiseConfig): string {
  const draw = (fn: 'randn' | 'rand', shape: string) => `torch.${fn}(${shape}, generator=generator).to(clean.device)`;
  switch (noise.type) {
    case 'gaussian':
      return `def corrupt(clean, generator):
    """clean + sigma * N(0, 1), clipped to [0, 1] (the Keras blog "noise factor")."""
    return (clean + NOISE["sigma"] * ${draw('randn', 'clean.shape')}).clamp(0.0, 1.0)`;
    case 'salt-pepper':
      return `def corrupt(clean, generator):
    """Each pixel (all its channels together) becomes 0 or 1 with probability p/2 each."""
    shape = tuple(clean.shape[:3]) + (1,) if len(INPUT_SHAPE) == 3 else clean.shape
    u = ${draw('rand', 'shape')}
    hit = (u < NOISE["p"]).to(clean.dtype)
    salt = (u >= NOISE["p"] / 2).to(clean.dtype) * hit
    return clean * (1.0 - hit) + salt`;
    case 'mask':
      return `def corrupt(clean, generator):
    """Blanks NOISE["boxes"] random squares per image (side = size * image side) to 0: inpainting."""
    height, width = INPUT_SHAPE[0], INPUT_SHAPE[1]
    box_h = max(1, int(NOISE["size"] * height + 0.5))
    box_w = max(1, int(NOISE["size"] * width + 0.5))
    u = ${draw('rand', '(len(clean), NOISE["boxes"], 2)')}
    top = torch.floor(u[..., 0] * (height - box_h + 1))[:, :, None, None]  # [batch, boxes, 1, 1]
    left = torch.floor(u[..., 1] * (width - box_w + 1))[:, :, None, None]
    rows = torch.arange(height, device=clean.device, dtype=clean.dtype)[None, None, :, None]
    cols = torch.arange(width, device=clean.device, dtype=clean.dtype)[None, None, None, :]
    inside = (rows >= top) & (rows < top + box_h) & (cols >= left) & (cols < left + box_w)
    return clean * (1.0 - inside.any(dim=1).to(clean.dtype)[..., None])`;
    case 'downsample':
      return `def corrupt(clean, generator):
    """Average-pools by NOISE["factor"], then resizes back bilinearly: a super-resolution input. No randomness."""
    factor = NOISE["factor"]
    if factor == 1:
        return clean
    nchw = clean.permute(0, 3, 1, 2)
    small = nn.functional.avg_pool2d(nchw, factor, factor, ceil_mode=True, count_include_pad=False)
    big = nn.functional.interpolate(small, size=INPUT_SHAPE[:2], mode="bilinear", align_corners=False)
    return big.clamp(0.0, 1.0).permute(0, 2, 3, 1)`;
    case 'grayscale':
      return `def corrupt(clean, generator):
    """RGB -> luminance (ITU-R BT.601) on all 3 channels: a colourisation input. No randomness."""
    weights = torch.tensor([0.299, 0.587, 0.114], device=clean.device, dtype=clean.dtype)
    return (clean * weights).sum(dim=-1, keepdim=True).expand(-1, -1, -1, 3)`;
    case 'audio':
      throw new InputError('model.noise "audio" mixes noise into STFT patches of an audio run, which the PyTorch export does not load', { field: 'model.noise.type' });
  }
}
