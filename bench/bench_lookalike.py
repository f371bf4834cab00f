"""Precision and recall of the impersonation scorer on our look-alike table.

    python bench/bench_lookalike.py [--threshold 0.75] [--verbose] [--repeat 20]

A case counts as found when the candidate's best match at or above the threshold is the
official account it imitates; an innocent case is a false positive when anything matches.
"""

from __future__ import annotations

import argparse
import time
import tomllib
from importlib import resources

from ungxu.socials_core.lookalike import DEFAULT_THRESHOLD, Account, rank_candidates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--verbose", action="store_true", help="print every case")
    parser.add_argument("--repeat", type=int, default=20, help="copies of the table to time")
    args = parser.parse_args()

    table = tomllib.loads(
        resources.files("ungxu.socials_core.tests")
        .joinpath("lookalike_cases.toml")
        .read_text("utf-8")
    )
    officials = [
        Account(o["name"], o["handle"], o["platform"], o["key"]) for o in table["official"]
    ]
    tp = fp = fn = tn = 0
    started = time.perf_counter()
    for case in table["case"]:
        candidate = Account(case["name"], case.get("handle", ""), case.get("platform", ""))
        matches = rank_candidates([candidate], officials, args.threshold)
        got = matches[0].official.key if matches else ""
        expect = case["expect"]
        if expect and got == expect:
            tp += 1
            verdict = "ok"
        elif expect:
            fn += 1
            verdict = "MISSED"
        elif got:
            fp += 1
            verdict = "FALSE ALARM"
        else:
            tn += 1
            verdict = "ok"
        if args.verbose or verdict != "ok":
            best = matches[0] if matches else None
            detail = f"{best.score:.3f} {'; '.join(best.reasons)}" if best else "-"
            print(f"{verdict:11} {case['name']!r} [{case['note']}] -> {got or '-'} {detail}")
    elapsed = time.perf_counter() - started
    # throughput on a longer pasted list: every table name against every official, x repeat
    candidates = [
        Account(c["name"], c.get("handle", ""), c.get("platform", "")) for c in table["case"]
    ] * args.repeat
    timed = time.perf_counter()
    rank_candidates(candidates, officials, args.threshold)
    pairs = len(candidates) * len(officials)
    per_pair_ms = (time.perf_counter() - timed) * 1000 / pairs
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"threshold {args.threshold:.2f}: {tp + fn} look-alikes, {fp + tn} innocent; "
        f"precision {precision:.3f} recall {recall:.3f} "
        f"(tp {tp}, fp {fp}, fn {fn}, tn {tn}); {elapsed * 1000:.1f} ms"
    )
    print(f"throughput: {pairs} candidate×official pairs, {per_pair_ms:.3f} ms per pair")


if __name__ == "__main__":
    main()
