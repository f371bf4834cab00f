"""The coordinators' quiz bank in the database, and the quiz paper an attempt keeps.

The shipped starter bank (``campaigns_core/data/quiz_bank.toml``) seeds the table once (data
migration 0003, or on first use if the table is empty; ``seed_starter_bank`` is idempotent: it only adds keys that are missing, so a
question a coordinator edited or retired is never overwritten). A campaign draws from the
*active* questions. Each attempt stores what it drew — text, options in display order,
correct ids, explanation — so neither editing nor retiring a question changes past attempts.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ungxu.campaigns_core.quiz import Bank, Option, Paper, Question, load_bank

# Attempts written before the bank moved to the database kept only ids; those ids come from
# the starter bank, which is shipped unchanged, so it answers for them.
LEGACY_VERSION = 1
DATABASE_VERSION = 2


@cache
def starter_bank() -> Bank:
    return load_bank()


def seed_starter_bank(model: Any) -> int:
    """Add the starter questions whose key is not in the table yet; returns how many were added.

    Takes the model class so the data migration can pass its historical model."""
    existing = set(model.objects.values_list("key", flat=True))
    rows = [
        model(
            key=question.id,
            text=question.text,
            options=[{"id": o.id, "text": o.text, "correct": o.correct} for o in question.options],
            explanation=question.explanation,
            code_keys=list(question.code_keys),
            topic=question.topic,
            active=True,
        )
        for question in starter_bank().questions
        if question.id not in existing
    ]
    model.objects.bulk_create(rows)
    return len(rows)


def ensure_seeded() -> None:
    """Seed on first use when the table was never filled: a database flushed after the data
    migration ran (test runs that truncate tables, a restored empty dump) still gets a bank.
    Retired questions are kept, not deleted, so a non-empty table is never reseeded here."""
    from ungxu.campaigns.models import BankQuestion

    if not BankQuestion.objects.exists():
        seed_starter_bank(BankQuestion)


def to_question(row: Any) -> Question:
    return Question(
        id=row.key,
        text=row.text,
        options=tuple(
            Option(id=str(o["id"]), text=o["text"], correct=bool(o.get("correct")))
            for o in row.options
        ),
        explanation=row.explanation,
        code_keys=tuple(row.code_keys),
        topic=row.topic,
    )


def active_bank() -> Bank:
    from ungxu.campaigns.models import BankQuestion

    ensure_seeded()
    rows = BankQuestion.objects.filter(active=True).order_by("key")
    return Bank(
        title="Ngân hàng câu hỏi",
        version=DATABASE_VERSION,
        questions=tuple(to_question(row) for row in rows),
        topics=starter_bank().topics,
    )


def active_count() -> int:
    from ungxu.campaigns.models import BankQuestion

    ensure_seeded()
    return BankQuestion.objects.filter(active=True).count()


def snapshot(bank: Bank, paper: Paper) -> list[dict[str, Any]]:
    """The stored form of a drawn paper: everything needed to show and score it later."""
    items = []
    for presented in paper.questions:
        question = bank.get(presented.question_id)
        items.append(
            {
                "id": question.id,
                "options": list(presented.option_ids),
                "text": question.text,
                "option_texts": dict(
                    zip(presented.option_ids, presented.option_texts, strict=True)
                ),
                "correct": sorted(question.correct_ids),
                "explanation": question.explanation,
            }
        )
    return items


def paper_bank(items: list[dict[str, Any]]) -> Bank:
    """The questions of one stored paper, as a Bank the pure scoring code understands."""
    questions = []
    for item in items:
        if "text" not in item:  # an attempt from before the snapshot was stored
            questions.append(starter_bank().get(item["id"]))
            continue
        correct = set(item["correct"])
        questions.append(
            Question(
                id=item["id"],
                text=item["text"],
                options=tuple(
                    Option(id=oid, text=item["option_texts"][oid], correct=oid in correct)
                    for oid in item["options"]
                ),
                explanation=item["explanation"],
                code_keys=(),
            )
        )
    return Bank(title="Đề đã bốc", version=LEGACY_VERSION, questions=tuple(questions))
