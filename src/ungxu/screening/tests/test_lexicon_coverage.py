"""Coverage of the second-file lexicons (`*_more.toml`): real-world abuse is found, everyday
talk that uses the same risky words (pets, livestock, cooking, farming, sleep, public services)
is allowed. Runs on the shipped data, rules only (no classifier), so it checks the data itself."""

from __future__ import annotations

import pytest

from ungxu.screening import screen

INNOCENT = [
    "con chó nhà tôi bị ốm mấy hôm nay, ai biết phòng khám thú y nào gần không",
    "hôm qua đi ngủ sớm nên sáng nay dậy lúc năm giờ",
    "di ngu som di mai con phai di hoc",
    "bé ngủ ngon cả đêm, mẹ mừng lắm",
    "nhà tôi nuôi mấy con heo nái, năm nay giá cám tăng quá",
    "bao giờ có lịch tiêm phòng lở mồm long móng cho đàn trâu bò",
    "mua một mớ rau muống về luộc chấm nước mắm",
    "chè đậu xanh nấu với nước cốt dừa ăn mát lắm",
    "pha trà nhớ hãm khoảng ba phút rồi mới rót",
    "xe phải hãm phanh gấp vì có con chó chạy qua đường",
    "chính sách này kìm hãm phát triển của doanh nghiệp nhỏ",
    "giá xăng biến động mạnh trong tuần qua",
    "biến đổi khí hậu làm mùa màng thất thường",
    "vết thâm trên mặt biến đi đâu mất sau một tháng bôi thuốc",
    "trứng chim cút luộc chấm muối tiêu ngon lắm",
    "hạt óc chó rang giá bao nhiêu một ký vậy shop",
    "cháo óc heo hấp là món bổ cho người mới ốm dậy",
    "bận điên đầu với hồ sơ cuối năm",
    "tôi tức điên lên vì chờ ở bộ phận một cửa cả buổi sáng",
    "thằng bé nhà tôi học lớp ba, rất ngoan",
    "con mèo cắn hỏng dây sạc điện thoại rồi",
    "bà ngoại tôi năm nay tám mươi tuổi vẫn khỏe",
    "bố mày dạo này khỏe không, cho tao gửi lời hỏi thăm",
    "đập thủy điện xả lũ, người dân vùng hạ du cần chú ý",
    "nông dân đập lúa phơi thóc trên sân",
    "thịt xiên nướng ở chợ đêm bán chạy lắm",
    "mua que xiên về làm chả nướng",
    "đàn gà bị dịch phải tiêu hủy theo quy định",
    "phun thuốc diệt chuột ngoài ruộng trước vụ mùa",
    "nông dân bón phân cho lúa đúng thời điểm",
    "thang máy chung cư hỏng cả tuần mà ban quản lý chưa sửa",
    "xin hỏi thủ tục làm lại căn cước công dân cần giấy tờ gì",
    "ủy ban xã giải quyết hồ sơ chậm quá, mong lãnh đạo xem xét",
    "đường làng ngập nước mỗi khi mưa to, đề nghị nâng cấp",
    "quả bóng đá của con bị thủng rồi",
    "loa hifi này nghe nhạc hay lắm",
    "bọn trẻ trong xóm rủ nhau đi tắm sông, bố mẹ nên để ý",
    "máy giặt nhà tôi kêu to quá, có cần gọi thợ không",
    "cả nhà mày đi du lịch vui không",
    "tôi đi chợ mua rau, cá và đậu phụ",
    "con lợn nhà bác ấy nặng hơn một tạ",
    "anh ấy kể chuyện tiền trảm hậu tấu trong phim cổ trang",
    "người dân tộc Mường ở Hòa Bình có nhiều lễ hội đẹp",
    "hội phụ nữ xã tổ chức lớp dạy nấu ăn cho chị em",
    "trung tâm bảo trợ chăm sóc người khuyết tật cần thêm tình nguyện viên",
    "chương trình hỗ trợ hộ nghèo thoát nghèo bền vững",
    "buổi chiều ngồi uống trà xanh với ông nội",
    "chúc mừng sinh nhật, tối nay qua nhà mày ăn cơm nhé",
]

ABUSIVE = [
    ("đm thằng này ngu vãi lồn", "offensive"),
    ("đmcs chán vãi", "offensive"),
    ("dmcs đời đéo ra gì", "offensive"),
    ("đcmnr lại mất điện", "offensive"),
    ("djt con me may", "offensive"),
    ("đụ má mày nói lại coi", "offensive"),
    ("đụ cha mày", "offensive"),
    ("đéo cần mày quan tâm", "offensive"),
    ("dell biết luôn", "offensive"),
    ("éo hiểu mày nói gì", "offensive"),
    ("hay vờ lờ", "offensive"),
    ("vãi loz thật sự", "offensive"),
    ("mặt như cái lồn", "offensive"),
    ("óc lol à", "offensive"),
    ("ăn lồn à mà nói thế", "offensive"),
    ("xạo lồn vừa thôi", "offensive"),
    ("nói cái cc gì vậy", "offensive"),
    ("cái lồn gì vậy trời", "offensive"),
    ("tổ sư cha mày", "offensive"),
    ("mả cha nhà mày", "offensive"),
    ("con mẹ mày à", "offensive"),
    ("fuck off đi", "offensive"),
    ("stfu", "offensive"),
    ("ngu như lồn", "offensive"),
    ("thèm chịch vãi", "offensive"),
    ("mày ngu thế", "insult"),
    ("sao mày ngu vậy", "insult"),
    ("ngu vãi chưởng mà cũng đòi nói", "insult"),
    ("thằng ngu si đần độn", "insult"),
    ("bọn ngu dốt", "insult"),
    ("đồ ngu xuẩn", "insult"),
    ("não tàn à", "insult"),
    ("thằng não phẳng", "insult"),
    ("mày bị úng não à", "insult"),
    ("não để dưới mông à", "insult"),
    ("óc chó à mày", "insult"),
    ("mày điên à", "insult"),
    ("thằng khùng kia", "insult"),
    ("thằng vô giáo dục", "insult"),
    ("bố mẹ mày không dạy à", "insult"),
    ("bọn khốn nạn", "insult"),
    ("thằng đểu cáng", "insult"),
    ("mày là súc vật", "insult"),
    ("đồ cầm thú", "insult"),
    ("thằng chó chết", "insult"),
    ("thằng rác rưởi", "insult"),
    ("đồ phế vật", "insult"),
    ("câm mồm mày lại", "insult"),
    ("im mõm đi", "insult"),
    ("biến mẹ mày đi", "insult"),
    ("cút lẹ đi", "insult"),
    ("sủa như chó", "insult"),
    ("mày béo như lợn", "insult"),
    ("con đĩ rẻ tiền", "insult"),
    ("con trà xanh", "insult"),
    ("đồ hồ ly tinh", "insult"),
    ("thằng lừa đảo kia", "insult"),
    ("lũ rận chủ", "insult"),
    ("đấm vỡ mồm bây giờ", "violence"),
    ("vả vỡ mồm mày", "violence"),
    ("tao bem mày", "violence"),
    ("xiên chết mẹ mày", "violence"),
    ("muốn ăn đòn không", "violence"),
    ("mày chán sống rồi à", "violence"),
    ("ra đường cẩn thận đấy", "violence"),
    ("tao biết con mày học ở đâu", "violence"),
    ("chôn sống cả lũ", "violence"),
    ("giết hết lũ đó đi", "hate"),
    ("toàn lũ súc vật", "hate"),
    ("bắc kỳ chó", "discrimination"),
    ("nam kỳ lười biếng", "discrimination"),
    ("dân thanh hoá ăn cắp", "discrimination"),
    ("bọn bê đê bệnh hoạn", "discrimination"),
    ("đàn bà lắm mồm", "discrimination"),
    ("đạo lừa đảo", "discrimination"),
    ("bọn mọi rợ", "discrimination"),
    ("thằng què", "discrimination"),
    ("đồ ô sin", "discrimination"),
]


@pytest.mark.parametrize("text", INNOCENT)
def test_everyday_talk_with_risky_words_is_allowed(text: str) -> None:
    verdict = screen(text, classifier=False)
    assert verdict.verdict == "allow", [(f.rule, f.text) for f in verdict.findings]


@pytest.mark.parametrize(("text", "category"), ABUSIVE)
def test_real_world_abuse_is_found_in_its_category(text: str, category: str) -> None:
    verdict = screen(text, classifier=False)
    assert category in verdict.categories, [(f.rule, f.text) for f in verdict.findings]


def test_the_second_files_add_findings_the_main_files_alone_do_not_make() -> None:
    # At least these come only from *_more.toml entries (ids contain ".more.").
    for text in ("dmcs chán vãi", "mày bị úng não à", "tao bem mày", "đồ ô sin"):
        rules = [f.rule or "" for f in screen(text, classifier=False).findings]
        assert any(".more." in r for r in rules), (text, rules)
