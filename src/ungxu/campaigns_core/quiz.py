"""Quiz on the Code of Conduct: the question bank and the pure logic of an attempt.

The bank is TOML (``data/quiz_bank.toml`` ships a starter bank written by us); a campaign may
use its own file with the same shape. An attempt is:

1. ``draw_paper(bank, n, seed)`` — N questions and the order of their options, chosen by a
   seeded generator. The seed is derived from (campaign, person, attempt number) by
   ``attempt_seed``, so re-opening the same attempt shows the same paper, and the next attempt
   gets a different one. Options keep stable ids (``"1"``, ``"2"``… in bank order), so answers
   never depend on the display order.
2. ``score_attempt(bank, paper, answers, pass_percent)`` — all-or-nothing per question: a
   multi-answer question counts only when exactly the correct set is chosen.
3. ``attempt_status(used, max_attempts, passed)`` — whether another attempt is allowed.
"""

from __future__ import annotations

import hashlib
import random
import re
import tomllib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "CODE_KEY_PATTERN",
    "AttemptResult",
    "AttemptStatus",
    "Bank",
    "Option",
    "Paper",
    "PresentedQuestion",
    "Question",
    "QuestionResult",
    "QuizError",
    "attempt_seed",
    "attempt_status",
    "draw_paper",
    "load_bank",
    "parse_bank",
    "score_attempt",
]

# Keys of the Code's clauses, as in ungxu/screening/data/code_of_conduct.toml.
CODE_KEY_PATTERN = re.compile(r"^(CHUNG|TCCN|CBCC|CQNN|NCC)\.[1-9]\d?$")
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")


class QuizError(ValueError):
    """Invalid bank, paper or answers; the message is Vietnamese and names the problem."""


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[Option, ...]
    explanation: str
    code_keys: tuple[str, ...]
    topic: str = ""

    @property
    def multiple(self) -> bool:
        """More than one correct option: the form shows check boxes instead of radio buttons."""
        return sum(o.correct for o in self.options) > 1

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)


@dataclass(frozen=True)
class Bank:
    title: str
    version: int
    questions: tuple[Question, ...]
    topics: Mapping[str, str] = field(default_factory=dict)  # topic id -> Vietnamese name

    def __len__(self) -> int:
        return len(self.questions)

    def get(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise QuizError(f"Không có câu hỏi '{question_id}' trong ngân hàng câu hỏi.")


# --------------------------------------------------------------------------------- loading


def load_bank(path: str | Path | None = None, *, valid_keys: Collection[str] | None = None) -> Bank:
    """Read a bank from ``path`` (default: the starter bank shipped with the package)."""
    if path is None:
        text = resources.files("ungxu.campaigns_core").joinpath("data/quiz_bank.toml")
        return parse_bank(text.read_text("utf-8"), source="quiz_bank.toml", valid_keys=valid_keys)
    file = Path(path)
    return parse_bank(file.read_text("utf-8"), source=file.name, valid_keys=valid_keys)


def parse_bank(
    text: str, *, source: str = "ngân hàng câu hỏi", valid_keys: Collection[str] | None = None
) -> Bank:
    """Parse and validate a bank; every problem is reported with the question and field."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise QuizError(f"{source}: không đọc được tệp TOML ({exc}).") from exc
    meta = raw.get("bank", {})
    entries = raw.get("question", [])
    if not isinstance(entries, list) or not entries:
        raise QuizError(f"{source}: không có câu hỏi nào ([[question]]).")
    questions: list[Question] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        question = _parse_question(entry, f"{source}, câu {number}", valid_keys)
        if question.id in seen:
            raise QuizError(f"{source}, câu {number}: mã câu hỏi '{question.id}' bị trùng.")
        seen.add(question.id)
        questions.append(question)
    version = meta.get("version", 1)
    if not isinstance(version, int):
        raise QuizError(f"{source}: trường 'version' phải là số nguyên.")
    topics = raw.get("topics", {})
    if not isinstance(topics, dict) or not all(isinstance(v, str) for v in topics.values()):
        raise QuizError(f"{source}: bảng [topics] phải ánh xạ mã chủ đề sang tên chủ đề.")
    if topics:
        for number, question in enumerate(questions, 1):
            if question.topic and question.topic not in topics:
                raise QuizError(
                    f"{source}, câu {number} ('{question.id}'): chủ đề '{question.topic}' không "
                    "có trong bảng [topics]."
                )
    return Bank(
        title=str(meta.get("title", "")),
        version=version,
        questions=tuple(questions),
        topics=dict(topics),
    )


def _text_field(entry: Mapping[str, Any], name: str, where: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip():
        raise QuizError(f"{where}: thiếu trường '{name}' (chuỗi không rỗng).")
    return value.strip()


def _parse_question(
    entry: Mapping[str, Any], where: str, valid_keys: Collection[str] | None
) -> Question:
    qid = _text_field(entry, "id", where)
    where = f"{where} ('{qid}')"
    if not _ID_PATTERN.match(qid):
        raise QuizError(f"{where}: mã câu hỏi chỉ gồm chữ thường không dấu, số, '-' và '_'.")
    text = _text_field(entry, "text", where)
    explanation = _text_field(entry, "explanation", where)
    keys = entry.get("code_keys")
    if not isinstance(keys, list) or not keys:
        raise QuizError(f"{where}: thiếu 'code_keys' (khoản của Bộ Quy tắc mà câu hỏi kiểm tra).")
    for key in keys:
        if not isinstance(key, str) or not CODE_KEY_PATTERN.match(key):
            raise QuizError(f"{where}: khóa '{key}' không đúng dạng (ví dụ TCCN.5, CBCC.3).")
        if valid_keys is not None and key not in valid_keys:
            raise QuizError(f"{where}: khóa '{key}' không có trong Bộ Quy tắc.")
    raw_options = entry.get("options")
    if not isinstance(raw_options, list) or len(raw_options) < 2:
        raise QuizError(f"{where}: cần ít nhất 2 phương án trả lời ('options').")
    options: list[Option] = []
    for index, raw in enumerate(raw_options, 1):
        if not isinstance(raw, dict):
            raise QuizError(f'{where}, phương án {index}: phải có dạng {{ text = "…" }}.')
        option_text = _text_field(raw, "text", f"{where}, phương án {index}")
        correct = raw.get("correct", False)
        if not isinstance(correct, bool):
            raise QuizError(f"{where}, phương án {index}: 'correct' phải là true hoặc false.")
        options.append(Option(id=str(index), text=option_text, correct=correct))
    if not any(o.correct for o in options):
        raise QuizError(f"{where}: không có phương án đúng nào (correct = true).")
    if len({o.text for o in options}) != len(options):
        raise QuizError(f"{where}: có hai phương án trùng nội dung.")
    return Question(
        id=qid,
        text=text,
        options=tuple(options),
        explanation=explanation,
        code_keys=tuple(keys),
        topic=str(entry.get("topic", "")),
    )


# ---------------------------------------------------------------------------------- papers


@dataclass(frozen=True)
class PresentedQuestion:
    """A question as shown to the person: options in display order, without the answers."""

    question_id: str
    text: str
    option_ids: tuple[str, ...]
    option_texts: tuple[str, ...]
    multiple: bool


@dataclass(frozen=True)
class Paper:
    seed: str
    bank_version: int
    questions: tuple[PresentedQuestion, ...]

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.question_id for q in self.questions)


def attempt_seed(campaign: object, person: object, attempt_number: int) -> str:
    """A stable seed for one attempt of one person in one campaign."""
    if attempt_number < 1:
        raise QuizError("Số thứ tự lượt làm bài phải từ 1 trở lên.")
    material = f"ungxu-quiz:{campaign}:{person}:{attempt_number}".encode()
    return hashlib.sha256(material).hexdigest()[:32]


def draw_paper(
    bank: Bank,
    count: int,
    seed: str | int,
    *,
    topics: Collection[str] | None = None,
    shuffle_options: bool = True,
) -> Paper:
    """Pick ``count`` questions (optionally only from ``topics``) in a seeded random order."""
    pool = [q for q in bank.questions if topics is None or q.topic in topics]
    if count < 1:
        raise QuizError("Số câu hỏi của bài kiểm tra phải từ 1 trở lên.")
    if count > len(pool):
        raise QuizError(
            f"Ngân hàng chỉ có {len(pool)} câu hỏi phù hợp, không đủ {count} câu cho bài kiểm tra."
        )
    rng = random.Random(f"{seed}")  # str seeds hash the same way on every run and platform
    chosen = rng.sample(pool, count)
    presented = []
    for question in chosen:
        options = list(question.options)
        if shuffle_options:
            rng.shuffle(options)
        presented.append(
            PresentedQuestion(
                question_id=question.id,
                text=question.text,
                option_ids=tuple(o.id for o in options),
                option_texts=tuple(o.text for o in options),
                multiple=question.multiple,
            )
        )
    return Paper(seed=str(seed), bank_version=bank.version, questions=tuple(presented))


# --------------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    chosen: frozenset[str]
    correct: frozenset[str]
    explanation: str

    @property
    def is_correct(self) -> bool:
        return self.chosen == self.correct


@dataclass(frozen=True)
class AttemptResult:
    correct_count: int
    total: int
    pass_percent: int
    results: tuple[QuestionResult, ...]

    @property
    def score_percent(self) -> float:
        return round(100 * self.correct_count / self.total, 1) if self.total else 0.0

    @property
    def passed(self) -> bool:
        # integer comparison: 7 of 10 passes a 70 % mark, with no floating-point surprise
        return self.correct_count * 100 >= self.pass_percent * self.total

    def to_dict(self) -> dict[str, Any]:
        return {
            "correct": self.correct_count,
            "total": self.total,
            "score_percent": self.score_percent,
            "pass_percent": self.pass_percent,
            "passed": self.passed,
            "questions": [
                {
                    "id": r.question_id,
                    "chosen": sorted(r.chosen),
                    "correct": sorted(r.correct),
                    "is_correct": r.is_correct,
                    "explanation": r.explanation,
                }
                for r in self.results
            ],
        }


def score_attempt(
    bank: Bank,
    paper: Paper | Sequence[str],
    answers: Mapping[str, Iterable[str] | str],
    pass_percent: int,
) -> AttemptResult:
    """Score ``answers`` ({question id: chosen option id(s)}) for the questions of ``paper``.

    An unanswered question is wrong; an answer to a question that is not on the paper, or an
    option id the question does not have, is an error (a tampered or stale form).
    """
    if not 0 <= pass_percent <= 100:
        raise QuizError("Điểm đạt phải nằm trong khoảng 0–100 (%).")
    question_ids = paper.question_ids if isinstance(paper, Paper) else tuple(paper)
    if not question_ids:
        raise QuizError("Bài kiểm tra không có câu hỏi nào.")
    stray = set(answers) - set(question_ids)
    if stray:
        raise QuizError(
            "Câu trả lời cho câu hỏi không có trong bài: " + ", ".join(sorted(stray)) + "."
        )
    results = []
    for qid in question_ids:
        question = bank.get(qid)
        raw = answers.get(qid, ())
        chosen = frozenset([raw] if isinstance(raw, str) else raw)
        unknown = chosen - {o.id for o in question.options}
        if unknown:
            raise QuizError(f"Câu '{qid}': phương án {', '.join(sorted(unknown))} không tồn tại.")
        if len(chosen) > 1 and not question.multiple:
            raise QuizError(f"Câu '{qid}' chỉ được chọn một phương án.")
        results.append(QuestionResult(qid, chosen, question.correct_ids, question.explanation))
    return AttemptResult(
        correct_count=sum(r.is_correct for r in results),
        total=len(results),
        pass_percent=pass_percent,
        results=tuple(results),
    )


# -------------------------------------------------------------------------------- attempts


@dataclass(frozen=True)
class AttemptStatus:
    allowed: bool
    remaining: int | None  # None: no limit
    message: str  # Vietnamese, for the person taking the quiz


def attempt_status(used: int, max_attempts: int | None, *, passed: bool = False) -> AttemptStatus:
    """May the person start another attempt? ``max_attempts`` None or 0 means unlimited."""
    if used < 0:
        raise QuizError("Số lượt đã làm không thể âm.")
    if passed:
        return AttemptStatus(False, 0, "Bạn đã đạt bài kiểm tra, không cần làm lại.")
    if not max_attempts:
        return AttemptStatus(True, None, "Bạn có thể làm bài kiểm tra (không giới hạn số lượt).")
    remaining = max(max_attempts - used, 0)
    if remaining == 0:
        return AttemptStatus(
            False,
            0,
            f"Bạn đã dùng hết {max_attempts} lượt làm bài; liên hệ đầu mối của đơn vị để được "
            "hỗ trợ.",
        )
    return AttemptStatus(True, remaining, f"Bạn còn {remaining}/{max_attempts} lượt làm bài.")
