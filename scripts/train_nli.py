"""Fine-tune the shipped 3-way NLI cross-encoder from all-MiniLM-L6-v2.

    python scripts/train_nli.py --data ../shared/data --out runs/nli-minilm --epochs 2
    python scripts/train_nli.py --data ../shared/data --out runs/nli-minilm --resume   # after a stop

On a machine without the data folder (e.g. a rented GPU), export the mix once and train from that file:

    python scripts/train_nli.py --data ../shared/data --export-mix runs/mix.jsonl.gz
    python scripts/train_nli.py --mix runs/mix.jsonl.gz --device cuda --epochs 5 --out runs/nli-gpu

Distillation: with ``--teacher DIR`` (an NLI model folder, e.g. the accurate MPNet model) every training row also
carries the teacher's probabilities, and the loss is ``--distil-weight`` times the cross-entropy against them plus
the rest times the cross-entropy against the gold label. A student that reads pairs as the teacher does agrees
with it more often, which is what a cascade needs (issue 16). With ``--export-mix`` the probabilities are computed
here and written into the mix, so a machine that cannot hold the teacher trains from them.

Generated sets the teacher reads badly (the conflict templates: who attacked whom, two-sided reports of anything
but an attack) can be added to a distillation mix with ``--extra-sets conflict_roles:3,conflict_calm:3`` (each
repeated that many times); their rows follow their gold label only (their "teacher" is the one-hot gold):

    python scripts/train_nli.py --mix runs/mix-distil.jsonl.gz --init runs/nli-distil-base/final \
        --extra-sets conflict_roles:3,conflict_calm:3 --epochs 0.3 --lr 2e-5 --distil-weight 0.8 --out runs/nli-distil-calm

A further fine-tune of a large shipped model can train only its top layers (``--train-top N``) and ship them as
a patch over it (``patch.safetensors``; ``NLIModel.from_pretrained`` lays it over the model its config names):

    python scripts/train_nli.py --mix runs/mix-news9-mpnet.jsonl.gz --init models/claimdiff-nli-mpnet-base \
        --train-top 4 --epochs 1 --lr 2e-5 --seed 21 --out runs/nli-mpnet-news

Deterministic for a seed: the data mix, its order and the batches are derived from the seed alone, so a
resumed run replays the same batches from its last checkpoint. Batches are length-grouped (pairs sorted by
length inside shuffled chunks) to waste little compute on padding. On CPUs with AMX/AVX512-BF16 the forward
and backward passes run under bf16 autocast (on CUDA too), the master weights stay fp32.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from claimdiff.evaluation.data import resolve_data_dir
from claimdiff.evaluation.nli_data import LABELS, NLIExample, load_nli_set, normalise_premise
# scripts/ is on sys.path
from training import Optimisation, base_model_path, freeze_below, length_grouped_batches, save_final, save_patch

logger = logging.getLogger("train_nli")

# Set -> cap on training rows (None = all). Caps keep large, narrow sets from drowning the general ones.
MIX = {
    "lingnli": None, "snli": None, "taxinli": None, "cad": None, "mpe": None, "sick": None,
    "conjnli": 8000, "negation": None, "breaking": 4000, "med": None, "fever": 6000,
    "climate_fever": None, "healthver": None, "xnli_en": None, "conflict_roles": None,
}
# Sets repeated in each epoch: the headline benchmarks are small, so they are seen twice.
UPWEIGHT = {"snli": 2, "taxinli": 2, "xnli_en": 2}
EVAL_SETS = ("snli", "taxinli", "lingnli", "conjnli", "negation", "fever", "climate_fever", "conflict_roles",
             "seed_cases")


def parse_sets(spec: str) -> dict[str, int | None]:
    """ "conflict_roles,snli:1500" -> {"conflict_roles": None, "snli": 1500} (a cap on training rows)."""
    out: dict[str, int | None] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, _, cap = item.partition(":")
        out[name] = int(cap) if cap else None
    return out


def build_mix(data_dir: Path, seed: int, sets: dict[str, int | None] | None = None,
              without: frozenset[str] = frozenset()) -> list[NLIExample]:
    """The training rows: ``MIX`` less ``without``, with ``UPWEIGHT``; or exactly ``sets`` (name -> cap) without
    upweighting."""
    rng = random.Random(seed)
    mix, upweight = (MIX, UPWEIGHT) if sets is None else (sets, {})
    mix = {k: v for k, v in mix.items() if k not in without}
    rows: list[NLIExample] = []
    for name, cap in mix.items():
        part = load_nli_set(name, data_dir, "train")
        if name == "lingnli":
            # LingNLI premises come from MultiNLI dev, as do TaxiNLI's: drop those so TaxiNLI validation stays clean.
            taxi_premises = {normalise_premise(r.premise) for r in load_nli_set("taxinli", data_dir, "all")}
            before = len(part)
            part = [r for r in part if normalise_premise(r.premise) not in taxi_premises]
            logger.info("lingnli: dropped %d rows whose premise is in TaxiNLI", before - len(part))
        if cap is not None and len(part) > cap:
            part = rng.sample(part, cap)
        rows.extend(part * upweight.get(name, 1))
        logger.info("%-14s %6d rows x%d", name, len(part), upweight.get(name, 1))
    logger.info("mix: %d rows, labels %s", len(rows), dict(Counter(r.label for r in rows)))
    return rows


def teacher_probabilities(teacher: str, rows: list[NLIExample], batch_size: int = 64) -> np.ndarray:
    """The teacher model's probabilities (columns in ``LABELS`` order) for each row, in bf16 where the CPU computes
    it natively (the same labels as fp32 on 500 of 500 news pairs, benchmarks/RESULTS.md)."""
    from claimdiff.nli import NLIModel, pick_device, pipeline_precision

    device = pick_device(None)
    nli = NLIModel.from_pretrained(teacher, device=device, precision=pipeline_precision(device, None))
    logger.info("teacher %s (%s) reads %d rows", teacher, nli.precision, len(rows))
    return nli.predict([(r.premise, r.hypothesis) for r in rows], batch_size, show_progress_bar=True)


def add_extra_sets(extra_sets: dict[str, int | None], rows: list[NLIExample],
                   eval_rows: dict[str, list[NLIExample]], soft: np.ndarray | None) -> np.ndarray | None:
    """Append built-in sets (name -> times repeated) to ``rows`` and their validation rows to ``eval_rows``; with
    teacher probabilities, the added rows' "teacher" is their one-hot gold label. Returns the new probabilities."""
    for name, times in extra_sets.items():
        extra = load_nli_set(name, None, "train") * (times or 1)
        rows.extend(extra)
        eval_rows.setdefault(name, load_nli_set(name, None, "validation"))
        if soft is not None:
            gold = np.eye(len(LABELS), dtype=np.float32)[[LABELS.index(r.label) for r in extra]]
            soft = np.concatenate([soft, gold])
        logger.info("extra set %-14s %6d rows", name, len(extra))
    return soft


def export_mix(path: Path, rows: list[NLIExample], eval_rows: dict[str, list[NLIExample]],
               soft: np.ndarray | None = None) -> None:
    """One gzipped JSONL with the training mix (and the teacher's probabilities, if any) and the validation rows,
    so training needs no data folder."""
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for split, part in [("train", rows)] + [("validation", v) for v in eval_rows.values()]:
            for i, r in enumerate(part):
                row = {"split": split, "set": r.source, "premise": r.premise, "hypothesis": r.hypothesis,
                       "label": r.label}
                if soft is not None and split == "train":
                    row["teacher"] = [round(float(p), 5) for p in soft[i]]
                f.write(json.dumps(row) + "\n")
    logger.info("wrote %s", path)


def read_mix(path: Path) -> tuple[list[NLIExample], dict[str, list[NLIExample]], np.ndarray | None]:
    """The training rows, the validation rows by set, and the teacher's probabilities when the mix has them."""
    rows: list[NLIExample] = []
    soft: list[list[float]] = []
    eval_rows: dict[str, list[NLIExample]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            example = NLIExample(d["premise"], d["hypothesis"], d["label"], d["set"])
            if d["split"] == "train":
                rows.append(example)
                if "teacher" in d:
                    soft.append(d["teacher"])
            else:
                eval_rows.setdefault(d["set"], []).append(example)
    if soft and len(soft) != len(rows):
        raise ValueError(f"{path}: {len(soft)} of {len(rows)} training rows carry teacher probabilities.")
    return rows, eval_rows, np.asarray(soft, dtype=np.float32) if soft else None


@torch.inference_mode()
def evaluate(model, tokenizer, rows: list[NLIExample], max_length: int, batch_size: int = 128) -> float:
    model.eval()
    device = next(model.parameters()).device
    order = sorted(range(len(rows)), key=lambda i: len(rows[i].premise) + len(rows[i].hypothesis))
    correct = 0
    for i in range(0, len(order), batch_size):
        batch = [rows[j] for j in order[i : i + batch_size]]
        enc = tokenizer([r.premise for r in batch], [r.hypothesis for r in batch], truncation=True,
                        max_length=max_length, padding=True, return_tensors="pt").to(device)
        with torch.autocast(device.type, dtype=torch.bfloat16):
            logits = model(**enc).logits
        pred = logits.argmax(-1).tolist()
        correct += sum(LABELS[p] == r.label for p, r in zip(pred, batch))
    model.train()
    return correct / max(len(rows), 1)


def batch_loss(logits: torch.Tensor, gold: torch.Tensor, teacher: torch.Tensor | None,
               distil_weight: float) -> torch.Tensor:
    """Cross-entropy against the gold labels, mixed with cross-entropy against the teacher's probabilities."""
    loss = torch.nn.functional.cross_entropy(logits, gold)
    if teacher is None:
        return loss
    return (1 - distil_weight) * loss + distil_weight * torch.nn.functional.cross_entropy(logits, teacher)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None, help="data folder laid out like shared/data (or $CLAIMDIFF_DATA)")
    parser.add_argument("--out", default="runs/nli-minilm")
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--warmup", type=float, default=0.06)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--save-every", type=int, default=500)
    parser.add_argument("--eval-every", type=int, default=2000)
    parser.add_argument("--init", default=None,
                        help="start from this NLI model folder (e.g. the shipped one) instead of the MiniLM base")
    parser.add_argument("--base", default=None,
                        help="start from this encoder folder, e.g. runs/base/all-mpnet-base-v2 written (and "
                             "verified) by scripts/get_base.py; default all-MiniLM-L6-v2 from PyPI")
    parser.add_argument("--without", default="",
                        help="leave these sets of the default mix out: 'name,...' (e.g. the synthetic ones)")
    parser.add_argument("--eval-sets", default=None,
                        help="sets scored every --eval-every steps (default: the usual ten); all at the end")
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--max-steps", type=int, default=None, help="stop after this many steps (resume later)")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--sets", default=None,
                        help="train on these sets instead of the default mix: 'name[:cap],...' (no upweighting)")
    parser.add_argument("--extra-sets", default="",
                        help="built-in generated sets added to the mix: 'name[:times],...'; with a teacher, their "
                             "rows follow the gold label")
    parser.add_argument("--device", default=None, help="cpu or cuda (default: cuda when available)")
    parser.add_argument("--mix", default=None, help="train from a file written by --export-mix, not the data folder")
    parser.add_argument("--export-mix", default=None, help="write the training mix and validation rows here, stop")
    parser.add_argument("--time-budget", type=float, default=None,
                        help="seconds: after 200 steps, cut --epochs to what fits (the chosen steps are recorded)")
    parser.add_argument("--teacher", default=None,
                        help="an NLI model folder whose probabilities the student learns too (distillation)")
    parser.add_argument("--distil-weight", type=float, default=0.5,
                        help="share of the loss that follows the teacher's probabilities (with --teacher or a mix "
                             "that carries them)")
    parser.add_argument("--train-top", type=int, default=0,
                        help="train only the last N encoder layers and the classifier (the rest stays frozen); the "
                             "final folder then holds only those tensors, a patch over --init (claimdiff.nli.PATCH_FILE)")
    parser.add_argument("--export-only", action="store_true",
                        help="write the last checkpoint to OUT/final and stop (e.g. to try a run in progress)")
    args = parser.parse_args()

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    device = torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    soft = None
    if args.mix:
        rows, eval_rows, soft = read_mix(Path(args.mix))
    else:
        data_dir = resolve_data_dir(args.data)
        without = frozenset(filter(None, args.without.split(",")))
        rows = build_mix(data_dir, args.seed, parse_sets(args.sets) if args.sets else None, without)
        trained = [k for k in (parse_sets(args.sets) if args.sets else MIX) if k not in without]
        # Validation rows of every set trained on, and the seed cases that are never trained on.
        eval_rows = {name: load_nli_set(name, data_dir, "validation") for name in [*trained, "seed_cases"]}
    if args.teacher:
        soft = teacher_probabilities(args.teacher, rows)
    soft = add_extra_sets(parse_sets(args.extra_sets), rows, eval_rows, soft)
    if args.export_mix:
        export_mix(Path(args.export_mix), rows, eval_rows, soft)
        return
    if not 0.0 <= args.distil_weight <= 1.0:
        parser.error("--distil-weight must be in [0, 1]")
    soft_targets = torch.from_numpy(soft) if soft is not None else None
    if soft_targets is not None:
        logger.info("distillation: %.2f of the loss follows the teacher", args.distil_weight)
    base = Path(args.init or args.base or base_model_path())
    tokenizer = AutoTokenizer.from_pretrained(base)
    # fp32 master weights even when the starting model is stored in fp16.
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=3, id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)},
        dtype=torch.float32,
    ).to(device)
    if args.train_top:
        if not args.init:
            parser.error("--train-top needs --init: the patch it writes is laid over that model")
        trained_names = freeze_below(model, args.train_top)
        logger.info("training %d tensors of the last %d layers and the classifier", len(trained_names), args.train_top)
    label_ids = torch.tensor([LABELS.index(r.label) for r in rows])
    lengths = [len(r.premise) + len(r.hypothesis) for r in rows]

    steps_per_epoch = -(-len(rows) // args.batch_size)
    opt = Optimisation(model, args.lr, args.warmup, int(steps_per_epoch * args.epochs))
    ckpt = out / "checkpoint.pt"
    if args.resume and ckpt.exists():
        opt.resume(ckpt)

    def export(meta: dict) -> None:
        if args.train_top:  # the frozen tensors are --init's: ship the trained ones as a patch over it
            save_patch(model, tokenizer, out / "final", trained_names, base.name, meta)
        else:
            save_final(model, tokenizer, out / "final", meta)

    if args.export_only:
        export({"args": vars(args), "steps": opt.step, "of_steps": opt.total_steps, "base": str(base)})
        return
    # Subsample the larger validation sets during training; the full sets are scored once at the end.
    watched = args.eval_sets.split(",") if args.eval_sets else EVAL_SETS
    eval_sample = {k: random.Random(0).sample(v, min(len(v), 1000)) for k, v in eval_rows.items()
                   if k in watched or (args.sets and not args.eval_sets)}

    model.train()
    start, history = time.time(), []
    epoch_batches: dict[int, list[list[int]]] = {}
    running = 0.0
    def stop() -> int:  # a time budget may shorten the run on the way
        return min(opt.total_steps, args.max_steps or opt.total_steps)

    while opt.step < stop():
        epoch, within = divmod(opt.step, steps_per_epoch)
        if epoch not in epoch_batches:
            epoch_batches = {epoch: length_grouped_batches(lengths, args.batch_size, random.Random(args.seed + epoch))}
        idx = epoch_batches[epoch][within]
        enc = tokenizer([rows[i].premise for i in idx], [rows[i].hypothesis for i in idx], truncation=True,
                        max_length=args.max_length, padding=True, return_tensors="pt").to(device)
        loss = opt.take_step(lambda: batch_loss(model(**enc).logits.float(), label_ids[idx].to(device),
                                                None if soft_targets is None else soft_targets[idx].to(device),
                                                args.distil_weight), device)
        step = opt.step
        if args.time_budget and step == 200:
            settled = time.time()  # the first steps pay for start-up (CUDA, allocator): rate the next 200
        if args.time_budget and step == 400:
            # Fit the run into the budget; the linear schedule is rebuilt for the new length (still in warm-up).
            fits = step + int((args.time_budget - (time.time() - start)) / ((time.time() - settled) / 200))
            if fits < opt.total_steps:
                opt.replan(max(fits, step + 1))
                logger.info("time budget: %d steps (%.2f epochs)", opt.total_steps, opt.total_steps / steps_per_epoch)
        running = 0.98 * running + 0.02 * loss if step > 1 else loss
        if step % 50 == 0:
            rate = step / max(time.time() - start, 1e-9)
            logger.info("step %d/%d epoch %.2f loss %.4f lr %.2e %.2f steps/s", step, opt.total_steps,
                        step / steps_per_epoch, running, opt.lr, rate)
        if step % args.save_every == 0 or step == stop():
            opt.save(ckpt)
        if step % args.eval_every == 0 or step == opt.total_steps:
            scores = {k: round(evaluate(model, tokenizer, v, args.max_length), 4) for k, v in eval_sample.items()}
            history.append({"step": step, **scores})
            logger.info("eval step %d: %s", step, scores)
            with open(out / "history.jsonl", "a") as f:
                f.write(json.dumps(history[-1]) + "\n")
    if opt.step < opt.total_steps:
        logger.info("stopped at step %d of %d (--max-steps); go on with --resume", opt.step, opt.total_steps)
        return

    wall_s = round(time.time() - start)
    validation = {k: round(evaluate(model, tokenizer, v, args.max_length), 4) for k, v in eval_rows.items()}
    logger.info("validation (full sets): %s", validation)
    meta = {"args": vars(args), "rows": len(rows), "steps": opt.total_steps,
            "epochs": round(opt.total_steps / steps_per_epoch, 3),
            "wall_s": wall_s, "device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
            "mix": dict(Counter(r.source for r in rows)), "validation": validation, "base": str(base)}
    export(meta)


if __name__ == "__main__":
    main()
