"""Learning from moderators' decisions.

Each item's latest decision is a labelled example (the first of its categories in the engine's
category order, or `clean`). `retrain_now` trains a candidate with the engine's training API on
these examples plus an optional base corpus (`settings.UNGXU_LEARNING_BASE_CORPUS`, a .jsonl/.csv
file in the engine's format), holding out every fifth decision (by item id) for evaluation. The
candidate and the model in use are evaluated on the same held-out examples; an administrator
promotes or rejects the candidate. Nothing is trained when the labelled data has not changed
since the last candidate (same SHA-256 of the examples).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ungxu.screening import CATEGORIES, CLEAN
from ungxu.screening.training import DataError, Example, evaluate, read_examples, train

from .models import Decision, ScreeningModel, split_categories
from .screening import _model_cache, active_model

HOLDOUT_EVERY = 5


def label_of(categories: str) -> str:
    chosen = split_categories(categories)
    for category in CATEGORIES:
        if category in chosen:
            return category
    return CLEAN


def decision_examples() -> list[tuple[int, Example]]:
    """(item id, example) for the latest decision of every decided item, by item id."""
    latest: dict[int, tuple[str, str]] = {}
    rows = Decision.objects.order_by("item_id", "created_at", "id").values_list(
        "item_id", "item__text", "categories"
    )
    for item_id, text, categories in rows.iterator():
        latest[item_id] = (text, label_of(categories))
    return [
        (item_id, Example(line=item_id, text=text, label=label))
        for item_id, (text, label) in sorted(latest.items())
    ]


def split(examples: list[tuple[int, Example]]) -> tuple[list[Example], list[Example]]:
    held = [e for i, (_, e) in enumerate(examples) if i % HOLDOUT_EVERY == HOLDOUT_EVERY - 1]
    fit = [e for i, (_, e) in enumerate(examples) if i % HOLDOUT_EVERY != HOLDOUT_EVERY - 1]
    return fit, held


def base_examples() -> list[Example]:
    path = getattr(settings, "UNGXU_LEARNING_BASE_CORPUS", None)
    if not path:
        return []
    return list(read_examples(path))


def fingerprint(examples: list[tuple[int, Example]]) -> str:
    digest = hashlib.sha256()
    digest.update(str(getattr(settings, "UNGXU_LEARNING_BASE_CORPUS", "")).encode())
    for item_id, example in examples:
        digest.update(f"{item_id}\x1f{example.label}\x1f{example.text}\x1e".encode())
    return digest.hexdigest()


def current_model() -> Any:
    promoted = active_model()
    if promoted is not None:
        return promoted
    from ungxu.screening.engine import default_model

    return default_model()


def models_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "models"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def retrain_now(user_id: int | None = None) -> str:
    examples = decision_examples()
    sha = fingerprint(examples)
    if ScreeningModel.objects.filter(data_sha256=sha).exists():
        return "Không có quyết định mới kể từ lần huấn luyện trước: bỏ qua."
    fit, held = split(examples)
    try:
        candidate = train([*base_examples(), *fit], source={"sha256": sha, "decisions": len(fit)})
    except DataError as exc:
        return f"Chưa huấn luyện được: {exc}"
    metrics: dict[str, Any] = {"held_out": len(held), "trained_on": len(fit)}
    if held:
        metrics["candidate"] = evaluate(candidate, held).to_dict()
        current = current_model()
        metrics["current"] = evaluate(current, held).to_dict() if current is not None else None
    path = models_dir() / f"candidate-{sha[:16]}.json.gz"
    candidate.save(path)
    ScreeningModel.objects.create(
        version=candidate.version,
        path=str(path),
        data_sha256=sha,
        examples=len(examples),
        metrics=metrics,
    )
    return f"Đã huấn luyện mô hình ứng viên {candidate.version} từ {len(fit)} quyết định."


def comparison(model: ScreeningModel) -> list[dict[str, Any]]:
    """Per-category precision/recall of candidate vs current, for the admin's decision."""
    cand = (model.metrics.get("candidate") or {}).get("per_class", {})
    curr = (model.metrics.get("current") or {}).get("per_class", {})
    rows = []
    for label in sorted(set(cand) | set(curr)):
        c, k = cand.get(label, {}), curr.get(label, {})
        rows.append(
            {
                "label": label,
                "support": c.get("support", k.get("support", 0)),
                "candidate_p": c.get("precision"),
                "candidate_r": c.get("recall"),
                "current_p": k.get("precision"),
                "current_r": k.get("recall"),
            }
        )
    return rows


def promote(model: ScreeningModel, user: Any) -> None:
    with transaction.atomic():
        for old in ScreeningModel.objects.filter(state=ScreeningModel.State.PROMOTED):
            old.state = ScreeningModel.State.RETIRED
            old.save()
        model.state = ScreeningModel.State.PROMOTED
        model.decided_by = user
        model.decided_at = timezone.now()
        model.save()
    _model_cache.clear()


def reject(model: ScreeningModel, user: Any) -> None:
    model.state = ScreeningModel.State.REJECTED
    model.decided_by = user
    model.decided_at = timezone.now()
    model.save()
