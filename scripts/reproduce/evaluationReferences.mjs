// Published numbers the evaluation rows are compared with, each with where it comes from. Only numbers we could check
// are quoted; otherwise the row names the paper and table and says "see" it.

export const RUFF_2018 = 'Ruff et al., "Deep One-Class Classification", ICML 2018, Table 1';
export const RUFF_2018_SHORT = 'Ruff et al. 2018, Table 1';

/**
 * One-class Deep SVDD on MNIST, AUROC in % (mean over 10 seeds), per normal digit 0-9, from Ruff et al. 2018, Table 1
 * (checked against the "original" row of an independent reimplementation's results). Their DCAE baseline column, the
 * closest to our conv autoencoder, is not quoted here because we could not check it: see Table 1.
 */
export const DEEP_SVDD_ONE_CLASS_AUROC = [98.0, 99.7, 91.7, 91.9, 94.9, 88.5, 98.3, 94.6, 93.9, 96.5];

export const ONE_CLASS_PROTOCOL =
  'Their protocol trains on the normal digit of the 60,000 MNIST training images (about 6,000) and tests on all 10,000 test images; here builtin:mnist (10,000 digits) is split 80/20, so each model trains on about 800 digits and is tested on about 2,000 (use --idx with the full MNIST files to train on more).';

export const DENOISING_REFERENCES = {
  denoising: 'n/a: the Keras blog (F. Chollet, 2016) shows denoised digits, no PSNR/SSIM',
  'denoising-keras-io': 'n/a: keras.io "Convolutional autoencoder for image denoising" (S. Valdarrama, 2021) shows denoised digits, no PSNR/SSIM',
};

export const FASHION_REFERENCE_SHORT = 'n/a (raw-pixel classifiers: Xiao et al. 2017, see notes)';
export const FASHION_REFERENCE =
  'No published number for these codes. Raw pixels: Xiao, Rasul, Vollgraf, "Fashion-MNIST" (2017, arXiv:1708.07747) benchmark scikit-learn classifiers (k-NN, logistic regression, ...) on raw pixels trained on all 60,000 images and tested on the 10,000 test images: see their benchmark table';

export const BURDA_2016_SHORT = 'VAE ≈ 86–87 nats (Burda et al. 2016, Table 1; binarised MNIST, 50-d latent, k = 5,000)';
export const BURDA_2016 =
  'Burda, Grosse, Salakhutdinov, "Importance Weighted Autoencoders", ICLR 2016, Table 1: a VAE on dynamically binarised MNIST (50-unit latent, 200-unit hidden layers) scores about 86-87 nats, estimated with k = 5,000';
