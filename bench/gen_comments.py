"""Deterministic generator of synthetic Vietnamese comments for the benchmarks.

Comments are 10–60 syllables drawn from our own everyday vocabulary below, with some violations
mixed in (terms read from the engine's lexicon files), some written without diacritics and some
with teencode, so the benchmark exercises every path of the engine. No external corpus is used.
"""

from __future__ import annotations

import random
import tomllib
import unicodedata
from collections.abc import Iterator
from pathlib import Path

# Our own phrases of everyday comments on a government agency's page (written for the benchmark).
PHRASES = [
    "\nhôm nay",
    "trời đẹp quá",
    "cảm ơn anh chị",
    "chúc mọi người",
    "sức khỏe",
    "bình an",
    "mình muốn hỏi",
    "thủ tục\nlàm căn cước",
    "ở phường",
    "bao giờ thì",
    "có kết quả",
    "cho em hỏi",
    "với ạ",
    "xin cảm ơn",
    "cán bộ",
    "rất nhiệt tình\nhướng dẫn",
    "người dân",
    "đi lại",
    "khó khăn",
    "con đường",
    "trước nhà",
    "bị ngập",
    "mỗi khi mưa",
    "đề nghị",
    "xem xét\nsửa chữa",
    "sớm nhất",
    "có thể",
    "gia đình tôi",
    "đã nộp hồ sơ",
    "từ tháng trước",
    "vẫn chưa thấy",
    "trả lời",
    "ủy ban\nnhân dân",
    "xã",
    "huyện",
    "tỉnh",
    "nông dân",
    "vụ lúa",
    "năm nay",
    "được mùa",
    "giá cả",
    "bấp bênh",
    "thương lái",
    "ép giá\ntrạm y tế",
    "tiêm chủng",
    "cho trẻ",
    "lịch",
    "thông báo",
    "trên trang",
    "của sở",
    "mọi người",
    "chia sẻ",
    "giúp với\nchương trình",
    "nông thôn mới",
    "rất hay",
    "ý nghĩa",
    "địa phương",
    "bà con",
    "phấn khởi",
    "mong rằng",
    "sẽ tiếp tục\nhỗ trợ",
    "học sinh",
    "trường",
    "năm học mới",
    "khai giảng",
    "thầy cô",
    "vất vả",
    "điện",
    "nước",
    "sinh hoạt",
    "mất điện\ncả ngày",
    "không báo trước",
    "bất tiện",
    "quá",
    "dịch vụ công",
    "trực tuyến",
    "đăng nhập",
    "mã xác thực",
    "chậm\ncây trồng",
    "vật nuôi",
    "phòng dịch",
    "tả lợn",
    "tiêm phòng",
    "đầy đủ",
    "cá",
    "tôm",
    "ao",
    "hồ",
    "thủy lợi",
    "kênh mương\nnạo vét",
    "mùa khô",
    "thiếu nước",
    "tưới",
    "giống mới",
    "năng suất",
    "cao",
    "hợp tác xã",
    "liên kết",
    "tiêu thụ",
    "nông sản\nbài viết",
    "thông tin",
    "hữu ích",
    "đọc xong",
    "hiểu rõ hơn",
    "quy định",
    "mới",
    "về",
    "xử phạt",
    "vi phạm",
    "giao thông\ntôi thấy",
    "cũng được",
    "nhưng mà",
    "thật sự",
    "không hài lòng",
    "về cách",
    "giải quyết",
    "mong",
    "lãnh đạo",
    "quan tâm\nđúng rồi",
    "chuẩn luôn",
    "ủng hộ",
    "tuyệt vời",
    "cố lên",
    "hay lắm",
    "nhất trí",
    "đồng ý",
    "không đồng ý",
    "phản đối\n",
]
PHRASES = [p.strip() for p in PHRASES if p.strip()]
TEENCODE = {
    "không": "ko",
    "được": "dc",
    "biết": "bít",
    "với": "vs",
    "gì": "j",
    "anh": "a",
    "em": "e",
}


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def lexicon_terms(data_dir: Path | None = None) -> list[str]:
    """Terms (and their forms) from the engine's lexicon files, for injected violations."""
    root = data_dir or Path(__file__).resolve().parents[1] / "src/ungxu/screening/data/lexicons"
    terms: list[str] = []
    for path in sorted(root.glob("*.toml")):
        if path.stem == "allow":
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for entry in data.get("terms", []):
            terms.append(entry["term"])
            terms.extend(entry.get("forms", [])[:3])
    return sorted(set(terms))


def comments(count: int, seed: int = 2026, violation_rate: float = 0.15) -> Iterator[str]:
    """`count` comments of 10–60 syllables, the same for the same seed."""
    rng = random.Random(seed)
    bad = lexicon_terms()
    for _ in range(count):
        target = rng.randint(10, 60)
        words: list[str] = []
        while len(words) < target:
            words.extend(rng.choice(PHRASES).split())
        words = words[:target]
        if bad and rng.random() < violation_rate:
            words[rng.randrange(len(words))] = rng.choice(bad)
        text = " ".join(words)
        roll = rng.random()
        if roll < 0.25:
            text = _fold(text)
        elif roll < 0.4:
            text = " ".join(TEENCODE.get(w, w) for w in text.split())
        if rng.random() < 0.3:
            text = text[0].upper() + text[1:] + rng.choice([".", "!", "?", " 😡", " 👍", "..."])
        yield text
