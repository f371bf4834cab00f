"""Build the labelled screening corpus: `python corpus/build.py` → corpus/train.jsonl, test.jsonl.

Sources (all written by the team, see corpus/README.md):
- `source/<label>.txt` and `source/<label>.<topic>.txt`: hand-written sentences, one per line
  (`#` starts a comment); e.g. `clean.official.txt` holds the hard negatives from official
  documents, announcements, UI strings and short replies;
- `source/templates.toml`: templates with `{slot}` placeholders and the slot fillers.

Every source sentence and every template is one *unit*. A unit is expanded into deterministic
variants (the sentence as written, a no-diacritics copy, a teencode copy, a lightly obfuscated
copy, sometimes all caps or with emoji), and the whole unit goes to train or to test, decided by
a hash of its text, so variants of one source never straddle the split and editing one source
never reshuffles the others. Every line carries its unit's `group` (see `group_id`), which the
trainer uses to keep its validation fold honest, and a template's `also` list (categories a fill
may carry besides its label), which the held-out evaluation uses. Afterwards, any test line whose no-diacritics text also occurs in
train is dropped, and a text that came out with two labels is dropped everywhere.

The script is deterministic: same sources → byte-identical output files.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
TEENCODE = HERE.parent / "src" / "ungxu" / "screening" / "data" / "teencode.tsv"
LABELS = (
    "clean",
    "hate",
    "violence",
    "discrimination",
    "offensive",
    "insult",
    "fake_news",
    "illegal_ads",
    "child_safety",
    "personal_data",
    "account_security",
)
SEED = 20260101
TEST_SHARE = 0.15
FILLS_PER_TEMPLATE = {"clean": 150, "child_safety": 180, "fake_news": 160, "personal_data": 170}
DEFAULT_FILLS = 120

# Expletives and slurs people shorten when typing; the teencode table deliberately leaves these
# out (they are lexicon forms), so the corpus needs its own list to produce realistic copies.
SHORTHAND: dict[str, tuple[str, ...]] = {
    "địt con mẹ": ("đcm", "dcm", "đkm"),
    "địt mẹ": ("đm", "dm", "đmm"),
    "vãi cả lồn": ("vcl", "vkl"),
    "vãi lồn": ("vl", "vãi l", "vãi loz"),
    "cái lồn gì": ("clgt", "cái l gì"),
    "con cặc": ("cc",),
    "con mẹ mày": ("cmm",),
    "đéo": ("éo", "dell", "đếu"),
    "lồn": ("l", "loz"),
    "chó": ("cờ hó", "chó"),
    "mày": ("m", "mầy"),
    "tao": ("t", "tau"),
    "bắc kỳ": ("bắc kì", "parky"),
    "đụ má": ("đù má", "dume"),
}
# Words worth hiding behind dots, stars, digits or repeated letters.
SENSITIVE = frozenset(
    [
        "chó",
        "ngu",
        "lồn",
        "cặc",
        "địt",
        "đéo",
        "đĩ",
        "điếm",
        "giết",
        "chém",
        "đâm",
        "mọi",
        "khựa",
        "kỳ",
        "súc",
        "vật",
        "óc",
        "lợn",
        "khốn",
        "điên",
        "cút",
        "câm",
        "mất",
        "dạy",
        "bê",
        "đê",
        "pê",
        "bóng",
        "què",
        "mù",
        "tự",
        "kỷ",
        "ăn",
        "mày",
        "nghèo",
        "lô",
        "đề",
        "cược",
        "vay",
        "nóng",
        "otp",
        "link",
        "mật",
        "khẩu",
        "tài",
        "khoản",
        "xác",
        "minh",
        "chip",
        "vắc",
        "xin",
        "ung",
        "thư",
        "thần",
        "dược",
        "đốt",
        "axit",
        "bắn",
        "chết",
        "đụ",
        "má",
        "vãi",
        "đm",
        "vl",
        "vcl",
        "đcm",
        "clgt",
        "cc",
        "thằng",
        "con",
        "đồ",
        "lũ",
        "bọn",
    ]
)
LEET = str.maketrans({"o": "0", "i": "1", "e": "3", "a": "4"})
EMOJI = ("😡", "🤬", "😂", "🤣", "👊", "😤", "🙄", "😒", "💢", "🔥")


def fold(text: str) -> str:
    """Lower case without diacritics (đ→d), single spaces: the no-diacritics spelling."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", " ".join(bare.split()))


def unit_rng(key: str) -> random.Random:
    digest = hashlib.sha256(f"{SEED}:{key}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def test_keys(keys: list[str]) -> set[str]:
    """The held-out share of one label's units: those ranking first by a hash of their key.

    Ranking (rather than a per-unit coin flip) gives every label its share of test units, at
    least one, while a unit's place still depends only on its own text.
    """
    ranked = sorted(keys, key=lambda k: hashlib.sha256(f"split:{k}".encode()).hexdigest())
    return set(ranked[: max(1, round(len(ranked) * TEST_SHARE))])


def split_units(units: list[tuple[str, str, str]]) -> set[str]:
    """Keys of test units, chosen per (label, kind) so templates and sentences both get a share."""
    groups: dict[tuple[str, str], list[str]] = {}
    for label, kind, key in units:
        groups.setdefault((label, kind), []).append(key)
    chosen: set[str] = set()
    for keys in groups.values():
        chosen |= test_keys(keys)
    return chosen


# --- variants ------------------------------------------------------------------------------


def load_teencode() -> dict[str, list[str]]:
    """Expansion → shorthands, from the engine's own table (read in file order)."""
    reverse: dict[str, list[str]] = {}
    for line in TEENCODE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        short, expansion = line.split("\t")
        reverse.setdefault(expansion, []).append(short)
    return reverse


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<!\w)({body})(?!\w)")


class Variants:
    def __init__(self) -> None:
        plain = load_teencode()
        rough = {k: list(v) for k, v in plain.items()}
        for phrase, shorts in SHORTHAND.items():
            rough.setdefault(phrase, []).extend(s for s in shorts if s not in rough.get(phrase, []))
        # Clean text only gets ordinary shorthand: "bắc kỳ" in a history lesson must not turn
        # into the slur "parky", nor "chó" into "cờ hó".
        self.tables = {"plain": plain, "rough": rough}
        self.patterns = {name: phrase_pattern(list(t)) for name, t in self.tables.items()}

    def teencode(self, text: str, rng: random.Random, label: str = "") -> str:
        kind = "plain" if label == "clean" else "rough"
        table = self.tables[kind]

        def swap(match: re.Match[str]) -> str:
            word = match.group(1)
            return rng.choice(table[word]) if rng.random() < 0.75 else word

        return self.patterns[kind].sub(swap, text)

    def obfuscate(self, text: str, rng: random.Random) -> str:
        words = text.split(" ")
        candidates = [i for i, w in enumerate(words) if w.strip(",.!?:") in SENSITIVE]
        if not candidates:
            return stretch(text, rng)
        for i in rng.sample(candidates, k=min(len(candidates), rng.choice((1, 1, 2)))):
            words[i] = disguise(words[i], rng)
        return " ".join(words)


def disguise(word: str, rng: random.Random) -> str:
    core = word.strip(",.!?:")
    tail = word[len(core) :]
    if len(core) < 2:
        return word
    style = rng.randrange(5)
    if style == 0:
        core = ".".join(core)
    elif style == 1:
        core = " ".join(core)
    elif style == 2:
        core = core[0] + "*" + core[2:] if len(core) > 2 else core[0] + "*"
    elif style == 3:
        leet = core.translate(LEET)
        core = leet if leet != core else core + core[-1] * 3
    else:
        core = core + core[-1] * rng.randint(2, 5)
    return core + tail


def expand(text: str, label: str, rng: random.Random, variants: Variants, full: bool) -> list[str]:
    """The unit's lines: the text plus a few transformed copies (all of them when `full`)."""
    steps: list[Callable[[str], str]] = [
        fold,
        lambda t: variants.teencode(t, rng, label),
        lambda t: fold(variants.teencode(t, rng, label)),
        lambda t: variants.obfuscate(t, rng) if label != "clean" else stretch(t, rng),
        lambda t: t.upper(),
        lambda t: f"{t} {rng.choice(EMOJI)}{rng.choice(EMOJI) if rng.random() < 0.4 else ''}",
    ]
    weights = [1.0, 0.9, 0.6, 0.8, 0.1, 0.3] if full else [0.45, 0.35, 0.2, 0.3, 0.04, 0.1]
    out = [text]
    for step, weight in zip(steps, weights, strict=True):
        if rng.random() < weight:
            out.append(step(text))
    return out


def stretch(text: str, rng: random.Random) -> str:
    """Emphasis repeats on an ordinary word, so clean text is not always tidy."""
    words = text.split(" ")
    i = rng.randrange(len(words))
    if words[i] and words[i][-1].isalpha():
        words[i] += words[i][-1] * rng.randint(2, 4)
    return " ".join(words)


# --- sources -------------------------------------------------------------------------------


def sentences() -> Iterator[tuple[str, str]]:
    for path in sorted(SOURCE.glob("*.txt")):
        label = path.stem.split(".")[0]
        if label not in LABELS:
            raise SystemExit(f"Lỗi: tệp {path.name} không ứng với nhãn nào trong {LABELS}.")
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = " ".join(raw.split())
            if line and not line.startswith("#"):
                # Short clean lines ("dạ vâng", "Nơi nhận:") are exactly the false alarms the
                # hard negatives exist for; a short violation example teaches nothing general.
                if len(line.split()) < (1 if label == "clean" else 3):
                    raise SystemExit(f"Lỗi: {path.name} dòng {number}: câu quá ngắn.")
                yield label, line


def generated(slot: str, rng: random.Random) -> str | None:
    if slot == "phone":
        return f"0{rng.choice('3579')}{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    if slot == "cccd":
        return f"0{rng.randint(1, 96):02d}{rng.randint(0, 3)}{rng.randint(0, 99_999_999):08d}"
    if slot == "account":
        return str(rng.randint(10**9, 10**13))
    if slot == "digits":
        return str(rng.randint(100, 999_999))
    return None


def fill(template: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    def pick(match: re.Match[str]) -> str:
        name = match.group(1)
        made = generated(name, rng)
        if made is not None:
            return made
        if name not in slots:
            raise SystemExit(f"Lỗi: mẫu câu dùng ô {{{name}}} chưa khai báo trong [slots].")
        return rng.choice(slots[name])

    return " ".join(re.sub(r"\{(\w+)\}", pick, template).split())


def templates() -> tuple[dict[str, list[str]], list[tuple[str, str, tuple[str, ...]]]]:
    """Slot fillers and (label, text, also) per template; `also`: see templates.toml."""
    with (SOURCE / "templates.toml").open("rb") as handle:
        data = tomllib.load(handle)
    slots = data["slots"]
    entries = []
    for number, entry in enumerate(data["templates"], 1):
        label = entry.get("label")
        if label not in LABELS:
            raise SystemExit(f"Lỗi: templates.toml mẫu thứ {number}: nhãn {label!r}.")
        also = tuple(entry.get("also", ()))
        if any(a not in LABELS or a in ("clean", label) for a in also):
            raise SystemExit(f"Lỗi: templates.toml mẫu thứ {number}: also {list(also)!r}.")
        entries.append((label, entry["text"], also))
    return slots, entries


# --- build ---------------------------------------------------------------------------------


def group_id(key: str) -> str:
    """A short stable name for a unit ("s-…" sentence, "t-…" template): every line generated
    from one source carries it, so the trainer can keep near-copies on one side of its own
    validation split (see `ungxu.screening.training`)."""
    return f"{key[0]}-{hashlib.sha256(key.encode()).hexdigest()[:10]}"


Row = tuple[str, str, str, tuple[str, ...]]  # text, label, group, also


def build() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    variants = Variants()
    rows: dict[str, list[Row]] = {"train": [], "test": []}
    written = list(sentences())
    slots, entries = templates()
    held_out = split_units(
        [(label, "s", f"s:{label}:{text}") for label, text in written]
        + [(label, "t", f"t:{label}:{text}") for label, text, _ in entries]
    )
    for label, text in written:
        key = f"s:{label}:{text}"
        lines = expand(text, label, unit_rng(key), variants, full=True)
        group = group_id(key)
        rows["test" if key in held_out else "train"].extend(
            (line, label, group, ()) for line in lines
        )
    for label, template, also in entries:
        key = f"t:{label}:{template}"
        rng = unit_rng(key)
        split, group = ("test" if key in held_out else "train"), group_id(key)
        for _ in range(FILLS_PER_TEMPLATE.get(label, DEFAULT_FILLS)):
            text = fill(template, slots, rng)
            lines = expand(text, label, rng, variants, False)
            rows[split].extend((line, label, group, also) for line in lines)

    labels_of: dict[str, set[str]] = {}
    for split_rows in rows.values():
        for text, label, *_ in split_rows:
            labels_of.setdefault(fold(text), set()).add(label)
    ambiguous = {t for t, ls in labels_of.items() if len(ls) > 1}

    seen: set[str] = set()

    def keep(split_rows: list[Row]) -> list[dict[str, object]]:
        kept: list[dict[str, object]] = []
        for text, label, group, also in split_rows:
            key = fold(text)
            if key not in ambiguous and key not in seen:
                seen.add(key)
                row: dict[str, object] = {"text": text, "label": label, "group": group}
                if also:
                    row["also"] = list(also)
                kept.append(row)
        return kept

    train = keep(rows["train"])
    test = keep(rows["test"])
    shuffler = random.Random(SEED)
    shuffler.shuffle(train)
    shuffler.shuffle(test)
    return train, test


def write(path: Path, rows: list[dict[str, object]]) -> None:
    tmp = path.with_suffix(".jsonl.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(path)


def main() -> int:
    train, test = build()
    write(HERE / "train.jsonl", train)
    write(HERE / "test.jsonl", test)
    train_counts = Counter(r["label"] for r in train)
    test_counts = Counter(r["label"] for r in test)
    print(f"{'nhãn':<18}{'train':>8}{'test':>8}")
    for label in LABELS:
        print(f"{label:<18}{train_counts[label]:>8}{test_counts[label]:>8}")
    print(f"{'tổng':<18}{len(train):>8}{len(test):>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
