"""The form for one question of the quiz bank.

Options are typed one per line, a leading ``*`` marking a correct one: a coordinator writes a
question as they would on paper, with no add-row widgets to fight on a phone."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms

from ungxu.campaigns.documents import code_groups
from ungxu.campaigns.models import BankQuestion
from ungxu.campaigns.question_bank import starter_bank

MAX_OPTIONS = 8


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40] or "cau-hoi"


def options_as_text(options: list[dict[str, Any]]) -> str:
    return "\n".join(("* " if o.get("correct") else "") + o["text"] for o in options)


class QuestionForm(forms.ModelForm[BankQuestion]):
    options_text = forms.CharField(
        label="Phương án trả lời",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Mỗi dòng một phương án; đặt dấu * ở đầu dòng của (các) phương án đúng.",
    )
    code_keys_text = forms.CharField(
        label="Khoản của Bộ Quy tắc",
        help_text="Ví dụ: CBCC.3, TCCN.5 (cách nhau bằng dấu phẩy).",
    )

    class Meta:
        model = BankQuestion
        fields = ["text", "explanation", "topic"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"explanation": "Hiện cho người làm bài sau khi nộp bài."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topics = starter_bank().topics
        self.fields["topic"] = forms.ChoiceField(
            label="Chủ đề", required=False, choices=[("", "— Không —"), *topics.items()]
        )
        if self.instance.pk:
            self.initial["options_text"] = options_as_text(self.instance.options)
            self.initial["code_keys_text"] = ", ".join(self.instance.code_keys)

    def clean_options_text(self) -> list[dict[str, Any]]:
        options: list[dict[str, Any]] = []
        seen: set[str] = set()
        for number, raw in enumerate(self.cleaned_data["options_text"].splitlines(), 1):
            line = raw.strip()
            if not line:
                continue
            correct = line.startswith("*")
            text = line.lstrip("*").strip()
            if not text:
                raise forms.ValidationError(f"Dòng {number}: phương án không có nội dung.")
            if text.casefold() in seen:
                raise forms.ValidationError(f"Dòng {number}: phương án “{text}” bị trùng.")
            seen.add(text.casefold())
            options.append({"id": str(len(options) + 1), "text": text, "correct": correct})
        if len(options) < 2:
            raise forms.ValidationError("Cần ít nhất 2 phương án trả lời.")
        if len(options) > MAX_OPTIONS:
            raise forms.ValidationError(f"Tối đa {MAX_OPTIONS} phương án.")
        if not any(o["correct"] for o in options):
            raise forms.ValidationError("Chưa có phương án đúng: đặt dấu * ở đầu dòng đúng.")
        if all(o["correct"] for o in options):
            raise forms.ValidationError("Phải có ít nhất một phương án sai.")
        return options

    def clean_code_keys_text(self) -> list[str]:
        valid = {c.key for group in code_groups() for c in group.clauses}
        keys = [k.strip().upper() for k in self.cleaned_data["code_keys_text"].split(",")]
        keys = [k for k in keys if k]
        unknown = [k for k in keys if k not in valid]
        if unknown:
            raise forms.ValidationError(
                f"Không có khoản {', '.join(unknown)} trong Bộ Quy tắc (ví dụ đúng: CBCC.3)."
            )
        if not keys:
            raise forms.ValidationError("Cần ít nhất một khoản của Bộ Quy tắc.")
        return list(dict.fromkeys(keys))

    def save(self, commit: bool = True) -> BankQuestion:
        question = super().save(commit=False)
        question.options = self.cleaned_data["options_text"]
        question.code_keys = self.cleaned_data["code_keys_text"]
        if not question.key:
            base = _slug(question.text)
            key, number = base, 1
            while BankQuestion.objects.filter(key=key).exists():
                number += 1
                key = f"{base}-{number}"
            question.key = key
        if commit:
            question.save()
        return question
