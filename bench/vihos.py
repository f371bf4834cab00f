#!/usr/bin/env python
"""Measure the shipped engine on the ViHOS dev split (hate and offensive spans in real comments).

    .venv/bin/python bench/vihos.py [--data ../shared/data/vihos/dev.csv] [--errors 10]

Measuring only: ViHOS is read at run time from the shared data directory and nothing of it is
copied into the repository, a lexicon or a model. Only the dev split is used.

Definitions (fixed here so figures are comparable between runs):

* ViHOS annotates hateful and offensive spans, so the engine "flags" a comment when it has at
  least one finding in FLAG_CATEGORIES (offensive, insult, hate, discrimination, violence).
  Personal data, ads, fake news, child safety and account security findings are not what ViHOS
  marks and are ignored.
* Comment level: gold positive = at least one gold character offset; predicted positive = flagged.
  Precision, recall and F1 of the positive class.
* Character-level span F1 (the SemEval-2021 toxic-spans metric ViHOS reports): for each comment,
  P = set of character offsets covered by flagged findings' [start, end) spans, G = gold offsets;
  F1 = 2|P∩G| / (|P| + |G|), with F1 = 1 when both are empty and 0 when exactly one is empty;
  the score is the mean over all comments. Also reported on the gold-positive comments only.

Published reference (test split, supervised XLM-R-large trained on ViHOS): 0.777 span F1.
"""

from __future__ import annotations

import argparse
import ast
import csv
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "vihos" / "dev.csv"
FLAG_CATEGORIES = frozenset({"offensive", "insult", "hate", "discrimination", "violence"})


@dataclass
class Row:
    text: str
    gold: frozenset[int]


def read_rows(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for record in csv.DictReader(fh):
            offsets = ast.literal_eval(record["index_spans"] or "[]")
            rows.append(Row(record["content"], frozenset(int(i) for i in offsets)))
    return rows


def span_f1(pred: set[int] | frozenset[int], gold: frozenset[int]) -> float:
    if not pred and not gold:
        return 1.0
    if not pred or not gold:
        return 0.0
    return 2 * len(pred & gold) / (len(pred) + len(gold))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    span_sum: float = 0.0
    span_pos_sum: float = 0.0
    n: int = 0
    n_pos: int = 0

    def add(self, pred: set[int], flagged: bool, gold: frozenset[int]) -> float:
        positive = bool(gold)
        self.tp += flagged and positive
        self.fp += flagged and not positive
        self.fn += (not flagged) and positive
        self.tn += (not flagged) and not positive
        f1 = span_f1(pred, gold)
        self.span_sum += f1
        self.n += 1
        if positive:
            self.span_pos_sum += f1
            self.n_pos += 1
        return f1

    def line(self) -> str:
        p, r, f = prf(self.tp, self.fp, self.fn)
        span = self.span_sum / self.n if self.n else 0.0
        span_pos = self.span_pos_sum / self.n_pos if self.n_pos else 0.0
        return f"{self.name:<28} {p:>6.3f} {r:>6.3f} {f:>6.3f} {span:>9.3f} {span_pos:>11.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description="Đo bộ sàng lọc trên tập dev của ViHOS.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="đường dẫn dev.csv")
    parser.add_argument("--errors", type=int, default=0, help="in N ví dụ sai (để phân tích)")
    args = parser.parse_args()
    if args.data.name != "dev.csv":
        sys.exit("Chỉ đo trên tập dev (dev.csv) của ViHOS.")

    from ungxu.screening import screen

    rows = read_rows(args.data)
    variants = {
        "toàn bộ bộ máy": lambda d: True,
        "không có bộ phân loại": lambda d: d != "classifier",
        "chỉ bộ phân loại": lambda d: d == "classifier",
    }
    scores = {name: Scores(name) for name in variants}
    by_detector: Counter[str] = Counter()
    errors: list[tuple[float, str, set[int], frozenset[int]]] = []
    started = time.perf_counter()
    for row in rows:
        findings = [f for f in screen(row.text).findings if f.category in FLAG_CATEGORIES]
        by_detector.update({f.detector for f in findings})
        for name, keep in variants.items():
            kept = [f for f in findings if keep(f.detector)]
            pred = {i for f in kept for i in range(f.start, f.end)}
            f1 = scores[name].add(pred, bool(kept), row.gold)
            if name == "toàn bộ bộ máy" and f1 < 1:
                errors.append((f1, row.text, pred, row.gold))
    seconds = time.perf_counter() - started
    # Speed on real comments: a second pass, so the shipped data and model are loaded and the
    # per-word memories hold what the first pass saw (as in a running service).
    started = time.perf_counter()
    for row in rows:
        screen(row.text)
    warm_rate = len(rows) / (time.perf_counter() - started)

    n_pos = sum(1 for r in rows if r.gold)
    print(
        f"ViHOS dev: {len(rows)} bình luận, {n_pos} có đoạn vi phạm; {seconds:.1f} giây "
        f"(lượt đầu, cả nạp dữ liệu); lượt hai {warm_rate:,.0f} bình luận/giây"
    )
    print(f"{'':<28} {'P':>6} {'R':>6} {'F1':>6} {'span F1':>9} {'span F1 (+)':>11}")
    print(f"{'(mức bình luận / mức ký tự)':<28}")
    for s in scores.values():
        print(s.line())
    print(
        "Bình luận bị gắn cờ theo bộ phát hiện: "
        + ", ".join(f"{k} {v}" for k, v in by_detector.most_common())
    )
    print("span F1 (+): trung bình chỉ trên các bình luận có đoạn vi phạm gốc.")
    for f1, text, pred, gold in sorted(errors, key=lambda e: e[0])[: args.errors]:
        mark = "".join(
            ch if (i in pred) == (i in gold) else (f"[{ch}]" if i in gold else f"{{{ch}}}")
            for i, ch in enumerate(text)
        )
        print(f"  {f1:.2f}  {mark}")


if __name__ == "__main__":
    main()
