"""Precision and recall of the impersonation scorer on our look-alike table.

    python bench/bench_lookalike.py [--threshold 0.75] [--verbose]

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
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"threshold {args.threshold:.2f}: {tp + fn} look-alikes, {fp + tn} innocent; "
        f"precision {precision:.3f} recall {recall:.3f} "
        f"(tp {tp}, fp {fp}, fn {fn}, tn {tn}); {elapsed * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
