"""Fine-tune the attribution tagger (source / cue / content BIO token tagging) from all-MiniLM-L6-v2 on PolNeAR.

    python scripts/train_tagger.py --data ../shared/data --out runs/tagger --epochs 3
    python scripts/train_tagger.py --data ../shared/data --out runs/tagger --resume        # after a stop
    python scripts/train_tagger.py --data ../shared/data --out runs/tagger --export-only   # last checkpoint

Each PolNeAR train article (first annotator) is tokenized whole with the fast tokenizer; its gold spans become
BIO labels (:func:`claimdiff.attribution.tagger.token_labels`: CUE beats SOURCE beats CONTENT where they overlap), and
the tokens are cut into windows of ``--max-length`` tokens overlapping by ``--stride``. A seeded 5% of the
train articles is held out: after each epoch the tagger reads them whole and is scored with
:func:`claimdiff.evaluation.attribution.score_articles` (history.jsonl). Deterministic for a seed: the held-out
articles, the window order and the batches derive from the seed alone, so ``--resume`` replays the same
batches. Batches are length-grouped; bf16 autocast on CPU and CUDA (fp32 master weights); the final model is saved in
fp16 safetensors to ``OUT/final`` with ``config.id2label``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path

import torch
from transformers import AutoModelForTokenClassification, AutoTokenizer

from claimdiff.evaluation.attribution import score_articles
from claimdiff.evaluation.polnear import GoldArticle, load_polnear
from claimdiff.attribution.tagger import LABELS, AttributionTagger, token_labels, windows
from training import Optimisation, base_model_path, length_grouped_batches, save_final  # scripts/ is on sys.path

logger = logging.getLogger("train_tagger")


def gold_spans(article: GoldArticle) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
    spans = []
    for r in article.relations:
        if r.source:
            spans.append(("SOURCE", r.source))
        spans.append(("CUE", r.cue))
        spans.append(("CONTENT", r.content))
    return spans


def build_windows(articles: list[GoldArticle], tokenizer, max_length: int, stride: int
                  ) -> list[tuple[list[int], list[int]]]:
    """(input ids with [CLS]/[SEP], label ids with -100 on the special tokens) per window."""
    out = []
    for art in articles:
        enc = tokenizer(art.text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
        ids, offsets = enc["input_ids"], enc["offset_mapping"]
        labels = token_labels(offsets, gold_spans(art))
        for s, e in windows(len(ids), max_length - 2, stride):
            out.append(([tokenizer.cls_token_id, *ids[s:e], tokenizer.sep_token_id], [-100, *labels[s:e], -100]))
    return out


def collate(rows: list[tuple[list[int], list[int]]], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(ids) for ids, _ in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    labels = torch.full((len(rows), width), -100, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for r, (ids, labs) in enumerate(rows):
        input_ids[r, : len(ids)] = torch.tensor(ids)
        labels[r, : len(labs)] = torch.tensor(labs)
        mask[r, : len(ids)] = 1
    return {"input_ids": input_ids, "attention_mask": mask, "labels": labels}


def evaluate(model, tokenizer, articles: list[GoldArticle], max_length: int, stride: int) -> dict[str, float]:
    model.eval()
    tagger = AttributionTagger(model, tokenizer, max_length=max_length, stride=stride)
    preds = [tagger.extract(a.text, a.id) for a in articles]
    model.train()
    m = score_articles(articles, preds)
    keys = [f"attribution/{p}/{h}/f1" for p in ("source", "cue", "content") for h in ("overlap", "exact")]
    return {k.replace("attribution/", "").replace("/f1", ""): round(m[k], 4)
            for k in keys + ["attribution/relation/f1", "attribution/relation/exact/f1"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None, help="data folder laid out like shared/data (or $CLAIMDIFF_DATA)")
    parser.add_argument("--out", default="runs/tagger")
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--stride", type=int, default=64, help="tokens shared by consecutive windows")
    parser.add_argument("--warmup", type=float, default=0.06)
    parser.add_argument("--holdout", type=float, default=0.05, help="share of train articles held out")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--save-every", type=int, default=100)
    parser.add_argument("--max-steps", type=int, default=None, help="stop after this many steps (speed checks)")
    parser.add_argument("--init", default=None, help="start from this tagger folder (e.g. an earlier run's final)")
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--device", default=None, help="cpu or cuda (default: cuda when available)")
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

    articles = load_polnear("train", args.data)
    rng = random.Random(args.seed)
    order = list(range(len(articles)))
    rng.shuffle(order)
    n_held = round(args.holdout * len(articles))
    held = [articles[i] for i in sorted(order[:n_held])]
    train = [articles[i] for i in sorted(order[n_held:])]
    (out / "holdout.json").write_text(json.dumps([a.id for a in held], indent=1))

    base = Path(args.init) if args.init else base_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForTokenClassification.from_pretrained(
        base, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)),
        label2id={lab: i for i, lab in enumerate(LABELS)}, dtype=torch.float32).to(device)
    rows = build_windows(train, tokenizer, args.max_length, args.stride)
    counts = torch.bincount(torch.tensor([l for _, labs in rows for l in labs if l >= 0]), minlength=len(LABELS))
    logger.info("train: %d articles, %d relations, %d windows; held out %d articles; label counts %s",
                len(train), sum(len(a.relations) for a in train), len(rows), len(held),
                dict(zip(LABELS, counts.tolist())))
    lengths = [len(ids) for ids, _ in rows]

    steps_per_epoch = -(-len(rows) // args.batch_size)
    opt = Optimisation(model, args.lr, args.warmup, int(steps_per_epoch * args.epochs))
    ckpt = out / "checkpoint.pt"
    if args.resume and ckpt.exists():
        opt.resume(ckpt)
    meta = {"args": vars(args), "train_articles": len(train), "heldout_articles": len(held), "windows": len(rows),
            "steps": opt.total_steps, "base": str(base), "labels": list(LABELS)}
    if args.export_only:
        save_final(model, tokenizer, out / "final", {**meta, "steps_done": opt.step})
        return

    model.train()
    start, running = time.time(), 0.0
    start_step = opt.step
    epoch_batches: dict[int, list[list[int]]] = {}
    stop = min(opt.total_steps, args.max_steps) if args.max_steps else opt.total_steps
    while opt.step < stop:
        epoch, within = divmod(opt.step, steps_per_epoch)
        if epoch not in epoch_batches:
            epoch_batches = {epoch: length_grouped_batches(lengths, args.batch_size, random.Random(args.seed + epoch))}
        batch = collate([rows[i] for i in epoch_batches[epoch][within]], tokenizer.pad_token_id)
        batch = {k: v.to(device) for k, v in batch.items()}
        labels = batch.pop("labels")
        loss = opt.take_step(lambda: torch.nn.functional.cross_entropy(
            model(**batch).logits.float().view(-1, len(LABELS)), labels.view(-1), ignore_index=-100), device)
        step = opt.step
        running = 0.95 * running + 0.05 * loss if step > start_step + 1 else loss
        if step % 10 == 0 or step == stop:
            rate = (step - start_step) / max(time.time() - start, 1e-9)
            logger.info("step %d/%d epoch %.2f loss %.4f lr %.2e %.3f steps/s (eta %.0f s)", step, opt.total_steps,
                        step / steps_per_epoch, running, opt.lr, rate, (stop - step) / max(rate, 1e-9))
        if step % args.save_every == 0 or step == stop:
            opt.save(ckpt)
        if held and (step % steps_per_epoch == 0 or step == opt.total_steps):
            scores = evaluate(model, tokenizer, held, args.max_length, args.stride)
            logger.info("held-out eval step %d: %s", step, scores)
            with open(out / "history.jsonl", "a") as f:
                f.write(json.dumps({"step": step, "epoch": round(step / steps_per_epoch, 2), **scores}) + "\n")
    if opt.step < opt.total_steps:
        logger.info("stopped at step %d of %d (--max-steps)", opt.step, opt.total_steps)
        return
    device_name = torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu"
    save_final(model, tokenizer, out / "final", {**meta, "wall_s": round(time.time() - start), "device": device_name})


if __name__ == "__main__":
    main()
