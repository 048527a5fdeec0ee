"""The PyTorch peer of `npm run bench`: the bench's networks, written the way a
PyTorch user would, trained with the same recipe (batch 256, Adam 1e-3 with
Keras' epsilon 1e-7, Glorot-uniform kernels, zero biases, BCE) on the same
data, so our samples/s can be read as a ratio to PyTorch's on this machine.

Each network mirrors a template of src/templates/templates.ts layer for layer,
including TensorFlow's 'same' padding alignment (stride-2 convs pad only at
the end) and Keras' NHWC flatten order, so that on identical weights the
forward loss is the same (test/unit/bench/pytorchPeer.test.ts checks it).

Threads are set by the caller through OMP_NUM_THREADS / OPENBLAS_NUM_THREADS
before this starts; --threads also sets torch.set_num_threads.

Commands (each prints one `PEER <json>` line per result on stdout):
  params                                   parameter count per network
  loss WEIGHTS                             eval loss and the first sample's output
                                           on given weights and input (tests)
  throughput IDX_GZ --networks a,b ...     median samples/s of timed epochs
  quality IDX_GZ PERMUTATION --target T    seconds to reach a validation BCE
  gemm                                     numpy float32 GEMM GFLOP/s, BLAS
"""

import argparse
import gzip
import json
import os
import statistics
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

BATCH = 256
NETWORKS = ("deep", "conv", "vae", "denoising", "conv-vae")


def emit(result):
    print("PEER " + json.dumps(result), flush=True)


def fail(message):
    raise SystemExit(f"pytorch_peer.py: {message}")


# --- data -------------------------------------------------------------------

def read_idx_images(path, count=None):
    """Images of an IDX (optionally gzipped) file as float32 in [0, 1], [n, 784];
    "random:N" is N MNIST-shaped uniform random images (when no large set is installed)."""
    if path.startswith("random:"):
        return np.random.default_rng(7).random((int(path[7:]), 784), dtype=np.float32)
    opener = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        fail(f"cannot read {path}: {error}")
    magic, total, rows, cols = struct.unpack(">IIII", raw[:16])
    if magic != 2051:
        fail(f"{path}: expected an IDX image file (magic 2051), got {magic}")
    n = total if count is None else min(count, total)
    pixels = np.frombuffer(raw, dtype=np.uint8, count=n * rows * cols, offset=16)
    return pixels.reshape(n, rows * cols).astype(np.float32) / 255.0


# --- networks ---------------------------------------------------------------

def same_pool(x):
    """MaxPooling2D(2, padding='same'): odd sizes round up (7 -> 4)."""
    return F.max_pool2d(x, 2, ceil_mode=True)


def up(x):
    return F.interpolate(x, scale_factor=2, mode="nearest")


class DeepAE(nn.Module):
    """Template 'deep': 784-128-64-32 ReLU (the code too), mirrored, sigmoid out."""

    image = False

    def __init__(self):
        super().__init__()
        self.encoder = nn.ModuleList(
            [nn.Linear(784, 128), nn.Linear(128, 64), nn.Linear(64, 32)])
        self.decoder = nn.ModuleList(
            [nn.Linear(32, 64), nn.Linear(64, 128), nn.Linear(128, 784)])

    def forward(self, x):
        for layer in self.encoder:
            x = F.relu(layer(x))
        for layer in self.decoder[:-1]:
            x = F.relu(layer(x))
        return torch.sigmoid(self.decoder[-1](x))


class ConvAE(nn.Module):
    """Conv-pool blocks down, conv-upsample back (templates 'conv', 'denoising').

    filters (16, 8, 8) is the Keras-blog conv AE: 28 -> 4x4x8, and its third
    decoder conv is 'valid' (16 -> 14) so that doubling lands on 28 again.
    filters (32, 32) is the Keras-blog denoiser: 28 -> 7x7x32.
    """

    image = True

    def __init__(self, filters, valid_decoder_convs=()):
        super().__init__()
        channels = (1,) + tuple(filters)
        self.down = nn.ModuleList(
            [nn.Conv2d(channels[i], channels[i + 1], 3, padding=1)
             for i in range(len(filters))])
        reverse = tuple(reversed(filters))
        ups = (reverse[0],) + reverse
        self.valid = valid_decoder_convs
        self.up = nn.ModuleList(
            [nn.Conv2d(ups[i], ups[i + 1], 3, padding=0 if i in self.valid else 1)
             for i in range(len(filters))])
        self.out = nn.Conv2d(reverse[-1], 1, 3, padding=1)

    def forward(self, x):
        for conv in self.down:
            x = same_pool(F.relu(conv(x)))
        for conv in self.up:
            x = up(F.relu(conv(x)))
        return torch.sigmoid(self.out(x))


class DenseVAE(nn.Module):
    """Template 'vae': 784-512-2, linear z_mean / z_log_var heads."""

    image = False
    variational = True

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(784, 512)
        self.z_mean = nn.Linear(512, 2)
        self.z_log_var = nn.Linear(512, 2)
        self.dec_hidden = nn.Linear(2, 512)
        self.dec_out = nn.Linear(512, 784)

    def encode(self, x):
        h = F.relu(self.hidden(x))
        return self.z_mean(h), self.z_log_var(h)

    def decode(self, z):
        return torch.sigmoid(self.dec_out(F.relu(self.dec_hidden(z))))


def tf_same_stride2(x):
    """TensorFlow's 'same' for a 3x3 stride-2 conv on an even size pads one
    row and column at the end only (PyTorch's padding=1 would pad both sides)."""
    return F.pad(x, (0, 1, 0, 1))


class ConvVAE(nn.Module):
    """Template 'conv-vae' (keras.io VAE): Conv 32/64 stride 2, Dense 16,
    latent 2; Dense 7*7*64, Conv2DTranspose 64/32 stride 2, Conv2DTranspose 1."""

    image = True
    variational = True

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, stride=2)
        self.conv2 = nn.Conv2d(32, 64, 3, stride=2)
        self.hidden = nn.Linear(7 * 7 * 64, 16)
        self.z_mean = nn.Linear(16, 2)
        self.z_log_var = nn.Linear(16, 2)
        self.dec_dense = nn.Linear(2, 7 * 7 * 64)
        self.deconv1 = nn.ConvTranspose2d(64, 64, 3, stride=2)
        self.deconv2 = nn.ConvTranspose2d(64, 32, 3, stride=2)
        self.deconv_out = nn.ConvTranspose2d(32, 1, 3, padding=1)

    def encode(self, x):
        x = F.relu(self.conv1(tf_same_stride2(x)))
        x = F.relu(self.conv2(tf_same_stride2(x)))
        h = F.relu(self.hidden(x.permute(0, 2, 3, 1).flatten(1)))  # Keras flattens NHWC
        return self.z_mean(h), self.z_log_var(h)

    def decode(self, z):
        y = F.relu(self.dec_dense(z)).view(-1, 7, 7, 64).permute(0, 3, 1, 2)
        for deconv in (self.deconv1, self.deconv2):
            size = y.shape[-1] * 2
            # TensorFlow's 'same' transpose keeps the first 2n of the 2n + 1 rows.
            y = F.relu(deconv(y)[:, :, :size, :size])
        return torch.sigmoid(self.deconv_out(y))


def build(name):
    if name == "deep":
        net = DeepAE()
    elif name == "conv":
        net = ConvAE((16, 8, 8), valid_decoder_convs=(2,))
    elif name == "denoising":
        net = ConvAE((32, 32))
    elif name == "vae":
        net = DenseVAE()
    elif name == "conv-vae":
        net = ConvVAE()
    else:
        fail(f"unknown network {name!r}; expected one of {', '.join(NETWORKS)}")
    for module in net.modules():
        if isinstance(module, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
    return net


def weighted_layers(net):
    """Layers in the order our encoder.getWeights() + decoder.getWeights() list them."""
    return [m for m in net.modules()
            if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d))]


def load_keras_weights(net, arrays):
    """Copies [kernel, bias, ...] in TensorFlow.js layouts onto the torch layers."""
    layers = weighted_layers(net)
    if len(arrays) != 2 * len(layers):
        fail(f"expected {2 * len(layers)} weight arrays, got {len(arrays)}")
    with torch.no_grad():
        for i, layer in enumerate(layers):
            kernel = torch.tensor(np.asarray(arrays[2 * i], dtype=np.float32))
            if isinstance(layer, nn.Linear):
                kernel = kernel.t()
            else:  # [kh, kw, in, out] (conv) or [kh, kw, out, in] (transpose)
                kernel = kernel.permute(3, 2, 0, 1)
            layer.weight.copy_(kernel)
            layer.bias.copy_(torch.tensor(np.asarray(arrays[2 * i + 1], dtype=np.float32)))


# --- losses and training ----------------------------------------------------

def loss_of(net, inputs, targets, training):
    """BCE mean over pixels and batch; the VAEs sum BCE over pixels and add KL."""
    if not getattr(net, "variational", False):
        return F.binary_cross_entropy(net(inputs), targets)
    mean, log_var = net.encode(inputs)
    z = mean + torch.exp(0.5 * log_var) * torch.randn_like(mean) if training else mean
    out = net.decode(z)
    batch = inputs.shape[0]
    recon = F.binary_cross_entropy(out, targets.view_as(out), reduction="sum") / batch
    kl = -0.5 * torch.sum(1 + log_var - mean.pow(2) - log_var.exp()) / batch
    return recon + kl


def as_input(net, x):
    return x.view(-1, 1, 28, 28) if net.image else x


def corrupt(name, x):
    """The denoising template's noise: x + 0.5 N(0, 1), clipped to [0, 1]."""
    if name != "denoising":
        return x
    return torch.clamp(x + 0.5 * torch.randn_like(x), 0.0, 1.0)


def train_epoch(name, net, optimizer, x):
    order = torch.randperm(x.shape[0])
    total = torch.zeros(())
    for start in range(0, x.shape[0], BATCH):
        clean = x[order[start:start + BATCH]]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_of(net, corrupt(name, clean), clean, training=True)
        loss.backward()
        optimizer.step()
        total += loss.detach()
    return float(total)


def adam(net):
    return torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)


def timed_epoch(name, net, optimizer, x):
    started = time.perf_counter()
    train_epoch(name, net, optimizer, x)
    return time.perf_counter() - started


# --- commands -----------------------------------------------------------------

def command_params(_args):
    for name in NETWORKS:
        net = build(name)
        emit({"network": name, "parameters": sum(p.numel() for p in net.parameters())})


def command_loss(args):
    with open(args.weights, encoding="utf8") as handle:
        spec = json.load(handle)
    net = build(spec["network"])
    load_keras_weights(net, spec["weights"])
    x = torch.tensor(np.asarray(spec["input"], dtype=np.float32))
    with torch.no_grad():
        loss = loss_of(net, as_input(net, x), as_input(net, x), training=False)
        # The first output after scaling every weight: far from 0.5, so misaligned padding shows.
        for parameter in net.parameters():
            parameter.mul_(spec.get("output_weight_scale", 1))
        first = as_input(net, x[:1])
        out = net.decode(net.encode(first)[0]) if getattr(net, "variational", False) else net(first)
    emit({"network": spec["network"], "loss": float(loss),
          "first_output": [round(v, 6) for v in out.flatten().tolist()]})


def command_throughput(args):
    data = torch.from_numpy(read_idx_images(args.images, args.count))
    for name in args.networks.split(","):
        torch.manual_seed(42)
        net = build(name)
        optimizer = adam(net)
        x = as_input(net, data)
        # A probe of two batches sizes the repetitions, as the TensorFlow.js side does.
        per_batch = timed_epoch(name, net, optimizer, x[:2 * BATCH]) / 2
        batches = max(1, min(x.shape[0] // BATCH, round(args.seconds_per_rep / per_batch)))
        if args.full_epochs:
            batches = -(-x.shape[0] // BATCH)
        subset = x[:batches * BATCH]
        seconds = [timed_epoch(name, net, optimizer, subset) for _ in range(args.reps + 1)][1:]
        speed = statistics.median(subset.shape[0] / s for s in seconds)
        emit({"network": name, "samples_per_second": round(speed),
              "threads": torch.get_num_threads(), "samples_per_rep": subset.shape[0],
              "reps": args.reps})


def command_quality(args):
    data = torch.from_numpy(read_idx_images(args.images))
    order = torch.from_numpy(np.fromfile(args.permutation, dtype=np.int32).astype(np.int64))
    if order.shape[0] != data.shape[0]:
        fail(f"{args.permutation}: expected {data.shape[0]} indices, got {order.shape[0]}")
    held_out = round(order.shape[0] * args.validation_split)
    validation, train = data[order[:held_out]], data[order[held_out:]]
    torch.manual_seed(42)
    net = build("deep")
    optimizer = adam(net)
    started = time.perf_counter()
    for epoch in range(1, args.max_epochs + 1):
        train_epoch("deep", net, optimizer, train)
        with torch.no_grad():
            val = float(loss_of(net, validation, validation, training=False))
        if val <= args.target:
            break
    emit({"reached": val <= args.target, "epochs": epoch,
          "seconds": round(time.perf_counter() - started, 2), "val_loss": round(val, 4),
          "threads": torch.get_num_threads(), "train_samples": train.shape[0],
          "validation_samples": validation.shape[0]})


def blas_description():
    """The BLAS libraries numpy has loaded (resolved through Debian's
    alternatives symlinks, e.g. libopenblasp-r0.3.21.so), and torch's build."""
    with open("/proc/self/maps", encoding="utf8") as maps:
        paths = {os.path.realpath(line.split()[-1]) for line in maps
                 if "blas" in line.lower() and "/" in line}
    named = [path for path in paths if "openblas" in os.path.basename(path)] or paths
    loaded = sorted("/".join(path.split("/")[-2:]) for path in named)
    settings = torch.__config__.show().replace(",", "\n").splitlines()
    torch_blas = [part.strip().split(" ")[-1] for part in settings if "BLAS_INFO" in part]
    numpy_blas = ", ".join(loaded) or "an unknown BLAS"
    return {"numpy_blas": f"numpy {np.__version__} with {numpy_blas}",
            "torch_blas": f"torch {torch.__version__} ({(torch_blas or ['BLAS unknown'])[0]})"}


def command_gemm(args):
    rng = np.random.default_rng(1)
    for m, k, n in ((256, 784, 128), (args.square, args.square, args.square)):
        a = rng.random((m, k), dtype=np.float32)
        b = rng.random((k, n), dtype=np.float32)
        for _ in range(3):
            a @ b
        runs = []
        for _ in range(args.runs):
            started = time.perf_counter()
            a @ b
            runs.append(time.perf_counter() - started)
        emit({"shape": f"{m}x{k} @ {k}x{n}", "gflops": round(2 * m * k * n / min(runs) / 1e9, 2),
              "threads": args.threads, **blas_description()})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("params")
    loss = commands.add_parser("loss")
    loss.add_argument("weights")
    throughput = commands.add_parser("throughput")
    throughput.add_argument("images")
    throughput.add_argument("--networks", default=",".join(NETWORKS))
    throughput.add_argument("--count", type=int, default=None)
    throughput.add_argument("--reps", type=int, default=5)
    throughput.add_argument("--seconds-per-rep", type=float, default=2.5)
    throughput.add_argument("--full-epochs", action="store_true")
    quality = commands.add_parser("quality")
    quality.add_argument("images")
    quality.add_argument("permutation")
    quality.add_argument("--target", type=float, default=0.14)
    quality.add_argument("--max-epochs", type=int, default=30)
    quality.add_argument("--validation-split", type=float, default=0.1)
    gemm = commands.add_parser("gemm")
    gemm.add_argument("--square", type=int, default=1024)
    gemm.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if args.threads < 1:
        fail(f"--threads must be at least 1, got {args.threads}")
    if args.command == "quality" and args.max_epochs < 1:
        fail(f"--max-epochs must be at least 1, got {args.max_epochs}")
    torch.set_num_threads(args.threads)
    {"params": command_params, "loss": command_loss, "throughput": command_throughput,
     "quality": command_quality, "gemm": command_gemm}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
