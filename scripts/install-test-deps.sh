#!/usr/bin/env bash
# The Debian packages the tests use, installed only when missing: Chromium drives the webview and e2e tests
# (Playwright's own browser download cannot work offline); python3-numpy runs the exported Keras scripts' data
# pipeline against stand-in Keras modules; script(1) (bsdutils) gives the Ctrl+C test a real pseudo-terminal;
# alsa-utils' recorded WAV sounds, espeak-ng's speech and sox's noise and conversion are the audio tests' real data;
# python3-torch runs the exported PyTorch scripts (alone and under torchrun) and is the benchmark's peer, on OpenBLAS
# (libopenblas0-pthread). Debian's torch is in /usr/bin/python3, which a pyenv or venv python3 may hide.
# python3-pil (Pillow) lets the exported PyTorch script read image folders.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s python3-numpy >/dev/null 2>&1 || missing+=(python3-numpy)
command -v script >/dev/null 2>&1 || missing+=(bsdutils)
[ -d /usr/share/sounds/alsa ] || missing+=(alsa-utils)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v sox >/dev/null 2>&1 || missing+=(sox)
dpkg -s python3-torch >/dev/null 2>&1 || missing+=(python3-torch)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || missing+=(libopenblas0-pthread)
dpkg -s python3-pil >/dev/null 2>&1 || missing+=(python3-pil)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} with apt-get"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
