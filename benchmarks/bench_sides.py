"""How often extraction finds a side for the speakers of US campaign news: PolNeAR's train articles, rules only.

    python benchmarks/bench_sides.py                        # prints the counts below
    python benchmarks/bench_sides.py --dump out/sides.jsonl  # one row a statement, to compare two versions

PolNeAR's 840 train articles (2016 US campaign) are read with the benchmark pack
(benchmarks/packs/us_election_2016.yaml) by ``claimdiff.extract`` (attribution rules and actor resolution, no
model). The figure is the share of attributed (non-narrator) statements given a side. It has no gold: many speakers
of these articles belong to neither camp (economists, voters, pollsters of universities), so it cannot reach 1;
a change that raises it must be read for what it makes of the speakers (``--dump`` before and after, then compare
the rows). The dev split is not read: its articles hold the held-out PolNeAR contradiction benchmark
(benchmarks/contradictions/polnear).
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import Counter

from bench_corpus import PACK

from claimdiff import ActorRegistry, extract
from claimdiff.evaluation.data import resolve_data_dir


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None, help="shared data folder (or $CLAIMDIFF_DATA)")
    parser.add_argument("--dump", default=None, help="write each attributed statement's speaker and side here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # PolNeAR has many unbalanced quotes
    files = sorted((resolve_data_dir(args.data) / "attribution" / "PolNeAR" / "data" / "train" / "text").glob("*.txt"))
    if not files:
        raise SystemExit("No PolNeAR train articles; pass --data (the shared data folder).")
    registry = ActorRegistry.from_file(PACK)
    rows, statements = [], 0
    for path in files:
        for s in extract(path.read_text(encoding="utf-8"), doc_id=path.stem, registry=registry):
            statements += 1
            if s.kind != "narrator":
                rows.append({"doc_id": s.doc_id, "start": s.content.start, "speaker": s.speaker and s.speaker.text,
                             "actor": s.actor, "side": s.side})
    sides = Counter(r["side"] for r in rows)
    known = len(rows) - sides[None]
    print(f"{len(files)} articles, {statements:,} statements, {len(rows):,} attributed; side known "
          f"{known:,} ({known / len(rows):.3f}); by side: {', '.join(f'{k} {v:,}' for k, v in sides.most_common())}")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


if __name__ == "__main__":
    main()
