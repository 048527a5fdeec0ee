// Starting points for `aelab new <id>` and the New Experiment command. Each names the published setting it follows;
// epochs are the reference's where it states them (the reproduction script overrides them).
import type { ExperimentInput, LayerConfig, ModelKind } from '../protocol/experiment';

export interface Template {
  /** Unique name for `aelab new`; equals `kind` for the main template of a kind. */
  id: string;
  kind: ModelKind;
  label: string;
  /** Short citation for tables, e.g. "Keras blog (2016)". */
  source: string;
  /** The published setting this template reproduces. */
  reference: string;
  /** The loss the reference reports, as text, when it reports one. */
  referenceLoss?: string;
  experiment: (name: string) => ExperimentInput;
}

const mnist = { source: 'builtin:mnist', validationSplit: 0.1 };
const adam = { learningRate: 0.001, optimizer: 'adam', loss: 'bce', seed: 42 } as const;
const KERAS_BLOG = 'Keras blog "Building Autoencoders in Keras" (F. Chollet, 2016)';

/** keras.io "Convolutional autoencoder for image denoising" (S. Valdarrama, 2021): 28,353 parameters. */
const kerasIoDenoiserEncoder: LayerConfig[] = [
  { type: 'conv2d', filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' },
  { type: 'maxPooling2d', poolSize: 2, padding: 'same' },
  { type: 'conv2d', filters: 32, kernelSize: 3, activation: 'relu', padding: 'same' },
  { type: 'maxPooling2d', poolSize: 2, padding: 'same' },
];
const kerasIoDenoiserDecoder: LayerConfig[] = [
  { type: 'conv2dTranspose', filters: 32, kernelSize: 3, strides: 2, activation: 'relu', padding: 'same' },
  { type: 'conv2dTranspose', filters: 32, kernelSize: 3, strides: 2, activation: 'relu', padding: 'same' },
  { type: 'conv2d', filters: 1, kernelSize: 3, activation: 'sigmoid', padding: 'same' },
];

/** The audio denoiser: full-resolution 3x3 convs (no pooling: pooling smears the harmonics that carry most of the energy). */
const audioDenoiserEncoder: LayerConfig[] = [
  { type: 'conv2d', filters: 16, kernelSize: 3, activation: 'relu', padding: 'same' },
  { type: 'conv2d', filters: 16, kernelSize: 3, activation: 'relu', padding: 'same' },
];
const audioDenoiserDecoder: LayerConfig[] = [
  { type: 'conv2d', filters: 16, kernelSize: 3, activation: 'relu', padding: 'same' },
  { type: 'conv2d', filters: 1, kernelSize: 3, activation: 'sigmoid', padding: 'same' },
];

/**
 * A conv autoencoder shaped like the MNIST DCAE baseline of Ruff et al. 2018 (Deep SVDD): conv 8 (5x5) and conv 4 (5x5),
 * each followed by 2x2 pooling, then a dense 32-unit code; the decoder mirrors it. ReLU stands in for their leaky ReLU
 * and batch normalisation is left out.
 */
const oneClassEncoder: LayerConfig[] = [
  { type: 'conv2d', filters: 8, kernelSize: 5, activation: 'relu', padding: 'same' },
  { type: 'maxPooling2d', poolSize: 2, padding: 'same' },
  { type: 'conv2d', filters: 4, kernelSize: 5, activation: 'relu', padding: 'same' },
  { type: 'maxPooling2d', poolSize: 2, padding: 'same' },
  { type: 'flatten' },
  { type: 'dense', units: 32, activation: 'linear' },
];
const oneClassDecoder: LayerConfig[] = [
  { type: 'dense', units: 196, activation: 'relu' },
  { type: 'reshape', targetShape: [7, 7, 4] },
  { type: 'upSampling2d', size: 2 },
  { type: 'conv2d', filters: 8, kernelSize: 5, activation: 'relu', padding: 'same' },
  { type: 'upSampling2d', size: 2 },
  { type: 'conv2d', filters: 1, kernelSize: 5, activation: 'sigmoid', padding: 'same' },
];

export const TEMPLATES: Template[] = [
  {
    id: 'undercomplete',
    kind: 'undercomplete',
    label: 'Simple autoencoder, one dense bottleneck (784-32-784)',
    source: 'Keras blog (2016)',
    reference: `${KERAS_BLOG}, simple autoencoder 784-32-784: ReLU code, sigmoid output, per-pixel BCE, 50 epochs, batch 256. The original post used adadelta; here Adam lr 1e-3 (tfjs adadelta defaults differ from Keras')`,
    referenceLoss: 'BCE ≈ 0.09 (train and val, 50 epochs)',
    experiment: (name) => ({
      name,
      kind: 'undercomplete',
      data: mnist,
      model: { latentDim: 32, activation: 'relu', outputActivation: 'sigmoid' },
      training: { epochs: 50, batchSize: 256, ...adam },
    }),
  },
  {
    id: 'deep',
    kind: 'deep',
    label: 'Deep fully connected autoencoder (784-128-64-32)',
    source: 'Keras blog (2016)',
    reference: `${KERAS_BLOG}, deep autoencoder 128-64-32: ReLU, sigmoid output, per-pixel BCE, Adam, 100 epochs, batch 256`,
    referenceLoss: 'BCE ≈ 0.08 (train and val, 100 epochs)',
    experiment: (name) => ({
      name,
      kind: 'deep',
      data: mnist,
      model: { hidden: [128, 64], latentDim: 32, activation: 'relu', outputActivation: 'sigmoid' },
      training: { epochs: 100, batchSize: 256, ...adam },
    }),
  },
  {
    id: 'conv',
    kind: 'conv',
    label: 'Convolutional autoencoder 16-8-8 (4x4x8 code)',
    source: 'Keras blog (2016)',
    reference: `${KERAS_BLOG}, convolutional autoencoder: Conv16-Pool-Conv8-Pool-Conv8-Pool to 4x4x8, Conv/UpSampling back (a 'valid' conv turns 16 into 14), 4,385 parameters, BCE, Adam, 50 epochs, batch 128`,
    referenceLoss: 'BCE 0.094 (50 epochs)',
    experiment: (name) => ({
      name,
      kind: 'conv',
      data: mnist,
      model: { filters: [16, 8, 8], activation: 'relu', outputActivation: 'sigmoid' },
      training: { epochs: 50, batchSize: 128, ...adam },
    }),
  },
  {
    id: 'denoising',
    kind: 'denoising',
    label: 'Denoising conv autoencoder 32-32, Gaussian noise 0.5',
    source: 'Keras blog (2016)',
    reference: `${KERAS_BLOG}, image denoising: conv 32-32 with UpSampling decoder (7x7x32 code), inputs + 0.5 * N(0, 1) clipped to [0, 1], clean targets, BCE, Adam, 100 epochs, batch 128`,
    experiment: (name) => ({
      name,
      kind: 'denoising',
      data: mnist,
      model: { architecture: 'conv', filters: [32, 32], activation: 'relu', outputActivation: 'sigmoid', noise: { type: 'gaussian', sigma: 0.5 } },
      training: { epochs: 100, batchSize: 128, ...adam },
    }),
  },
  {
    id: 'audio-denoiser',
    kind: 'denoising',
    label: 'Audio denoiser: conv 16-16-16 ratio mask on log-magnitude spectrogram patches, white noise at 10 dB SNR',
    source: 'Spectral mapping (Xu et al. 2014)',
    reference:
      'Speech enhancement by spectral mapping (Y. Xu, J. Du, L.-R. Dai, C.-H. Lee, IEEE SPL 2014): a network maps noisy log-magnitude spectra to clean ones and the noisy phase is reused; here a conv network without pooling on 128-bin x 8-frame STFT patches (8 kHz, 256-sample Hann frames, hop 128) that outputs a sigmoid ratio mask on the noisy magnitudes (model.output "mask", trained on magnitudes relative to each patch\'s energy), white noise at 10 dB SNR, Adam',
    experiment: (name) => ({
      name,
      kind: 'denoising',
      data: { source: 'recordings', format: 'audio', sampleRate: 8000, stft: { frameSize: 256, hop: 128 }, patchFrames: 8, validationSplit: 0.1 },
      model: { encoder: audioDenoiserEncoder, decoder: audioDenoiserDecoder, noise: { type: 'audio', snr: 10 }, output: 'mask' },
      training: { epochs: 15, batchSize: 16, ...adam, learningRate: 0.005, loss: 'mse' },
    }),
  },
  {
    id: 'denoising-keras-io',
    kind: 'denoising',
    label: 'Denoising conv autoencoder with Conv2DTranspose decoder, Gaussian noise 0.4',
    source: 'keras.io denoiser (2021)',
    reference:
      'keras.io "Convolutional autoencoder for image denoising" (S. Valdarrama, 2021), denoising phase: Conv32-Pool-Conv32-Pool, Conv2DTranspose 32 x2 (stride 2), Conv 1 sigmoid, 28,353 parameters, noise factor 0.4, BCE, Adam, 100 epochs, batch 128',
    experiment: (name) => ({
      name,
      kind: 'denoising',
      data: mnist,
      model: { encoder: kerasIoDenoiserEncoder, decoder: kerasIoDenoiserDecoder, noise: { type: 'gaussian', sigma: 0.4 } },
      training: { epochs: 100, batchSize: 128, ...adam },
    }),
  },
  {
    id: 'sparse',
    kind: 'sparse',
    label: 'Sparse autoencoder, L1 activity penalty on a 32-unit code',
    source: 'Keras blog (2016)',
    reference: `${KERAS_BLOG}, sparse autoencoder: 784-32-784, ReLU code with activity_regularizer l1(10e-5) (= 1e-4), sigmoid output, BCE, 100 epochs, batch 256`,
    referenceLoss: 'train 0.11 (incl. ≈0.01 penalty) / test 0.10 (100 epochs); mean code activation 3.33',
    experiment: (name) => ({
      name,
      kind: 'sparse',
      data: mnist,
      model: { architecture: 'undercomplete', latentDim: 32, activation: 'relu', outputActivation: 'sigmoid', l1: 1e-4 },
      training: { epochs: 100, batchSize: 256, ...adam },
    }),
  },
  {
    id: 'contractive',
    kind: 'contractive',
    label: 'Contractive autoencoder, 784-64 sigmoid code',
    source: 'Rifai et al., ICML 2011',
    reference:
      'Rifai, Vincent, Muller, Glorot, Bengio, "Contractive Auto-Encoders: Explicit Invariance During Feature Extraction", ICML 2011: loss + lambda * ||J_f(x)||_F^2 on a sigmoid code; here a dense 784-64 sigmoid code with lambda 1e-4 as commonly used, BCE, Adam at 5e-3 (a sigmoid code learns slowly at 1e-3: val BCE 0.217 against 0.153 after 30 epochs on builtin:mnist)',
    experiment: (name) => ({
      name,
      kind: 'contractive',
      data: mnist,
      model: { hidden: [], latentDim: 64, activation: 'sigmoid', outputActivation: 'sigmoid', contractiveWeight: 1e-4 },
      training: { epochs: 30, batchSize: 256, ...adam, learningRate: 0.005 },
    }),
  },
  {
    id: 'vae',
    kind: 'vae',
    label: 'Variational autoencoder, dense 784-512-2',
    source: 'Keras example VAE',
    reference:
      'Keras example variational_autoencoder.py (the MLP VAE behind the Keras blog VAE section): 784-512-2, ReLU, z = mean + exp(0.5 logvar) * eps, BCE summed over pixels + KL, Adam, 50 epochs, batch 128',
    experiment: (name) => ({
      name,
      kind: 'vae',
      data: mnist,
      model: { hidden: [512], latentDim: 2, activation: 'relu', outputActivation: 'sigmoid', beta: 1 },
      training: { epochs: 50, batchSize: 128, ...adam },
    }),
  },
  {
    id: 'conv-vae',
    kind: 'conv-vae',
    label: 'Convolutional VAE, latent 2 (keras.io)',
    source: 'keras.io VAE (2020)',
    reference:
      'keras.io "Variational AutoEncoder" (F. Chollet, 2020): Conv 32/64 stride 2, Dense 16, latent 2 (encoder 69,076 parameters), Dense 7*7*64 and Conv2DTranspose 64/32/1 (decoder 65,089), BCE summed over pixels + KL, Adam, 30 epochs, batch 128, on all 70,000 MNIST digits',
    referenceLoss: 'total ≈ 146.95 = recon 140.15 + KL 6.80 (train, 30 epochs)',
    experiment: (name) => ({
      name,
      kind: 'conv-vae',
      data: mnist,
      model: { filters: [32, 64], hidden: [16], latentDim: 2, activation: 'relu', outputActivation: 'sigmoid', beta: 1 },
      training: { epochs: 30, batchSize: 128, ...adam },
    }),
  },
  {
    id: 'beta-vae',
    kind: 'beta-vae',
    label: 'beta-VAE (beta 4), dense 784-512-2',
    source: 'Higgins et al., ICLR 2017',
    reference:
      'Higgins et al., "beta-VAE: Learning Basic Visual Concepts with a Constrained Variational Framework", ICLR 2017: the VAE objective with the KL term weighted by beta = 4; network as the dense VAE template (784-512-2), Adam, 50 epochs, batch 128',
    experiment: (name) => ({
      name,
      kind: 'beta-vae',
      data: mnist,
      model: { hidden: [512], latentDim: 2, activation: 'relu', outputActivation: 'sigmoid', beta: 4 },
      training: { epochs: 50, batchSize: 128, ...adam },
    }),
  },
  {
    id: 'cvae',
    kind: 'cvae',
    label: 'Conditional VAE on the digit label, dense (784+10)-512-2',
    source: 'Sohn et al., NeurIPS 2015',
    reference:
      'Sohn, Lee, Yan, "Learning Structured Output Representation using Deep Conditional Generative Models", NeurIPS 2015: the conditional VAE objective (reconstruction + KL of q(z|x,y) from the prior) with the condition y fed to encoder and decoder; here y is the one-hot digit label, concatenated to the input and to the code, on the dense VAE template\'s network (784-512-2), BCE summed over pixels, Adam, 50 epochs, batch 128',
    experiment: (name) => ({
      name,
      kind: 'cvae',
      data: mnist,
      model: { hidden: [512], latentDim: 2, activation: 'relu', outputActivation: 'sigmoid', beta: 1 },
      training: { epochs: 50, batchSize: 128, ...adam },
    }),
  },
  {
    id: 'iwae',
    kind: 'iwae',
    label: 'Importance weighted autoencoder, k = 5, dense 784-200-200-50',
    source: 'Burda et al., ICLR 2016',
    reference:
      'Burda, Grosse, Salakhutdinov, "Importance Weighted Autoencoders", ICLR 2016, MNIST with one stochastic layer: 784-200-200-50 tanh, Bernoulli output, k = 5 samples in the training bound (their Table 1 also has k = 1 and 50), Adam (beta1 0.9, beta2 0.999), batch 20. They train 3,280 passes with a decaying learning rate; here 50 epochs at lr 1e-3',
    experiment: (name) => ({
      name,
      kind: 'iwae',
      data: mnist,
      model: { hidden: [200, 200], latentDim: 50, activation: 'tanh', outputActivation: 'sigmoid', samples: 5 },
      training: { epochs: 50, batchSize: 20, ...adam },
    }),
  },
  {
    id: 'custom',
    kind: 'custom',
    label: 'Custom layer lists: the keras.io conv autoencoder (Conv2DTranspose decoder)',
    source: 'keras.io denoiser (2021)',
    reference:
      'keras.io "Convolutional autoencoder for image denoising" (S. Valdarrama, 2021), first phase on clean digits, written as Keras-style layer lists: Conv32-Pool-Conv32-Pool, Conv2DTranspose 32 x2, Conv 1 sigmoid, 28,353 parameters, BCE, Adam, 50 epochs, batch 128',
    referenceLoss: 'val BCE 0.0622 (clean, 50 epochs)',
    experiment: (name) => ({
      name,
      kind: 'custom',
      data: mnist,
      model: { encoder: kerasIoDenoiserEncoder, decoder: kerasIoDenoiserDecoder },
      training: { epochs: 50, batchSize: 128, ...adam },
    }),
  },
  {
    id: 'vq-vae',
    kind: 'vq-vae',
    label: 'VQ-VAE, 7x7 grid of 16-d codes, codebook 128 (keras.io)',
    source: 'keras.io VQ-VAE (2021)',
    reference:
      'keras.io "Vector-Quantized Variational Autoencoders" (S. Paul, 2021; van den Oord et al., NeurIPS 2017): Conv 32/64 stride 2 and a 1x1 Conv to a 7x7x16 grid, a codebook of 128 vectors (beta 0.25, straight-through gradients), Conv2DTranspose 64/32/1 linear, MSE divided by the data variance, Adam, 30 epochs, batch 128, on the 60,000 MNIST training digits scaled to [-0.5, 0.5]',
    referenceLoss: 'reconstruction loss ≈ 0.0444 (MSE / pixel variance, train, 30 epochs)',
    experiment: (name) => ({
      name,
      kind: 'vq-vae',
      data: mnist,
      model: { filters: [32, 64], latentDim: 16, codebookSize: 128, commitmentCost: 0.25, activation: 'relu', outputActivation: 'linear' },
      training: { epochs: 30, batchSize: 128, ...adam, loss: 'mse' },
    }),
  },
  {
    id: 'one-class-conv',
    kind: 'custom',
    label: 'One-class conv autoencoder (DCAE-like, 32-unit code), trained on digit 0 only',
    source: 'Ruff et al., ICML 2018',
    reference:
      'Ruff et al., "Deep One-Class Classification", ICML 2018, MNIST one-class protocol: train on one digit (data.includeLabels), score every digit of the held-out set by reconstruction error; their DCAE baseline (Table 1) has conv 8 and 4 (5x5) with pooling and a 32-unit code, trained with MSE. Here ReLU, no batch normalisation, Adam lr 1e-3, 60 epochs, batch 128; evaluation.normalLabels defaults to data.includeLabels',
    experiment: (name) => ({
      name,
      kind: 'custom',
      data: { ...mnist, validationSplit: 0.2, includeLabels: [0] },
      model: { encoder: oneClassEncoder, decoder: oneClassDecoder },
      training: { epochs: 60, batchSize: 128, ...adam, loss: 'mse' },
    }),
  },
  {
    id: 'conv1d',
    kind: 'conv1d',
    label: 'Conv1D time-series anomaly detector (keras.io, windows of 288 steps)',
    source: 'keras.io Conv1D detector (2020)',
    reference:
      'keras.io "Timeseries anomaly detection using an Autoencoder" (P. Ganesan, 2020): NAB art_daily_small_noise, z-scored with training statistics, windows of 288 steps (one day at 5 minutes), Conv1D 32 and 16 (kernel 7, stride 2, ReLU, Dropout 0.2), Conv1DTranspose 16 and 32 back up (Dropout 0.2), Conv1DTranspose 1 (linear), 9,505 parameters, MSE, Adam lr 1e-3, 50 epochs, batch 128, validation split 0.1; its threshold is the largest training error (here the run keeps the 99th percentile; pass `aelab score --threshold` for the maximum)',
    experiment: (name) => ({
      name,
      kind: 'conv1d',
      data: { source: 'art_daily_small_noise.csv', format: 'timeseries', window: 288, stride: 1, validationSplit: 0.1, normalization: 'zscore' },
      model: { filters: [32, 16], activation: 'relu', outputActivation: 'linear' },
      training: { epochs: 50, batchSize: 128, ...adam, loss: 'mse' },
    }),
  },
  {
    id: 'lstm',
    kind: 'lstm',
    label: 'LSTM autoencoder (LSTM encoder, RepeatVector, LSTM decoder)',
    source: 'Srivastava et al., ICML 2015',
    reference:
      'The LSTM encoder-decoder of Srivastava et al., "Unsupervised Learning of Video Representations using LSTMs", ICML 2015, in its common Keras form: LSTM(64) reads the window into its last state (the code), RepeatVector(steps), LSTM(64) with return_sequences, a per-step Dense to the channels; z-scored windows, MSE, Adam lr 1e-3, 50 epochs, batch 128',
    experiment: (name) => ({
      name,
      kind: 'lstm',
      data: { source: 'series.csv', format: 'timeseries', window: 48, stride: 1, validationSplit: 0.1, normalization: 'zscore' },
      model: { latentDim: 64, outputActivation: 'linear' },
      training: { epochs: 50, batchSize: 128, ...adam, loss: 'mse' },
    }),
  },
  {
    id: 'wae-mmd',
    kind: 'wae-mmd',
    label: 'Wasserstein autoencoder (MMD, IMQ kernel), 8-D code',
    source: 'Tolstikhin et al., ICLR 2018',
    reference:
      'Tolstikhin, Bousquet, Gelly, Schölkopf, "Wasserstein Auto-Encoders", ICLR 2018, WAE-MMD on MNIST: deterministic encoder, 8-D code, prior N(0, I), squared-L2 cost summed over pixels + lambda 10 * unbiased MMD with the inverse multiquadratic kernel summed over scales of C = 2 * d, batch 100, Adam lr 1e-3, 100 epochs. Here a dense 784-512-256-8 network stands in for their conv (DCGAN-style) nets, and Adam keeps beta1 0.9 (theirs 0.5)',
    experiment: (name) => ({
      name,
      kind: 'wae-mmd',
      data: mnist,
      model: { hidden: [512, 256], latentDim: 8, activation: 'relu', outputActivation: 'sigmoid', mmdWeight: 10 },
      training: { epochs: 100, batchSize: 100, ...adam, loss: 'mse' },
    }),
  },
  {
    id: 'aae',
    kind: 'aae',
    label: 'Adversarial autoencoder, Gaussian prior, 2-D code',
    source: 'Makhzani et al., 2016',
    reference:
      'Makhzani, Shlens, Jaitly, Goodfellow, Frey, "Adversarial Autoencoders", ICLR 2016 workshop (arXiv:1511.05644), MNIST with a 2-D Gaussian prior (their Fig. 2): encoder, decoder and discriminator with two 1000-unit ReLU layers, a reconstruction phase then a regularisation phase (discriminator, then encoder as generator) per batch. Here Adam lr 1e-3 for all three optimizers (they used SGD with momentum), per-pixel BCE, batch 100, 50 epochs',
    experiment: (name) => ({
      name,
      kind: 'aae',
      data: mnist,
      model: { hidden: [1000, 1000], latentDim: 2, activation: 'relu', outputActivation: 'sigmoid', discriminator: [1000, 1000] },
      training: { epochs: 50, batchSize: 100, ...adam },
    }),
  },
];

/** By id, else the main template of a kind. */
export function findTemplate(idOrKind: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === idOrKind) ?? TEMPLATES.find((t) => t.kind === idOrKind);
}

export function renderTemplate(template: Template, name: string): string {
  const { name: experimentName, ...rest } = template.experiment(name);
  const reported = template.referenceLoss ? ` Reported: ${template.referenceLoss}.` : '';
  return `${JSON.stringify({ name: experimentName, comment: `Reproduces: ${template.reference}.${reported}`, ...rest }, null, 2)}\n`;
}
