"""Plain building blocks for dissemination campaigns (no Django): the Code quiz bank and the
logic of a quiz attempt."""

from ungxu.campaigns_core.quiz import (
    AttemptResult,
    AttemptStatus,
    Bank,
    Paper,
    Question,
    QuizError,
    attempt_seed,
    attempt_status,
    draw_paper,
    load_bank,
    score_attempt,
)

__all__ = [
    "AttemptResult",
    "AttemptStatus",
    "Bank",
    "Paper",
    "Question",
    "QuizError",
    "attempt_seed",
    "attempt_status",
    "draw_paper",
    "load_bank",
    "score_attempt",
]
