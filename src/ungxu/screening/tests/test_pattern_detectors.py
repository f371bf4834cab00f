"""Pattern detectors on the shipped pattern data: positives and near-miss negatives."""

from __future__ import annotations

import pytest

from ungxu.screening import Finding, screen


def hits(text: str, prefix: str) -> list[Finding]:
    return [f for f in screen(text, classifier=False).findings if (f.rule or "").startswith(prefix)]


def spans(text: str, prefix: str) -> list[str]:
    return [f.text for f in hits(text, prefix)]


# -- identity numbers ----------------------------------------------------------------------------
def test_it_finds_a_cccd_with_a_valid_province_prefix() -> None:
    assert spans("CCCD của tôi: 001203012345 nhé", "pii.cccd") == ["001203012345"]
    assert spans("số 079 090 123456", "pii.cccd") == ["079 090 123456"]


def test_a_twelve_digit_number_with_a_bad_province_code_is_not_a_cccd() -> None:
    assert spans("mã đơn 003203012345", "pii.cccd") == []
    assert spans("mã đơn 999203012345", "pii.cccd") == []


def test_a_twelve_digit_number_with_an_implausible_century_digit_is_not_a_cccd() -> None:
    assert spans("mã 001903012345", "pii.cccd") == []


def test_a_cmnd_number_needs_a_cue_nearby() -> None:
    assert spans("số CMND 123456789", "pii.cmnd") == ["123456789"]
    assert spans("mã vận đơn 123456789", "pii.cmnd") == []


def test_a_cccd_finding_blocks_by_default() -> None:
    assert screen("CCCD 001203012345", classifier=False).verdict == "block"


# -- phones ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "phone",
    [
        "0912345678",
        "0912 345 678",
        "091.234.5678",
        "+84 912 345 678",
        "84912345678",
        "(+84) 912345678",
        "0387-123-456",
    ],
)
def test_it_finds_vietnamese_mobile_numbers(phone: str) -> None:
    assert spans(f"gọi mình {phone} nhé", "pii.phone") == [phone]


def test_a_number_with_an_unused_mobile_prefix_is_not_a_phone() -> None:
    assert spans("mã 0112345678", "pii.phone") == []


def test_a_phone_like_number_in_a_price_is_not_a_phone() -> None:
    assert spans("giá 0912345678đ", "pii.phone") == []
    assert spans("tổng 0912345678 đồng", "pii.phone") == []


def test_a_landline_needs_a_contact_cue() -> None:
    assert spans("liên hệ 024 3825 1234", "pii.landline") == ["024 3825 1234"]
    assert spans("mã hồ sơ 02438251234", "pii.landline") == []


def test_a_decimal_number_is_not_a_phone() -> None:
    assert spans("chỉ số 1.0912345678", "pii.phone") == []


# -- bank accounts, e-mail, plates, addresses --------------------------------------------------------
def test_a_bank_account_needs_a_bank_cue() -> None:
    assert spans("STK 1903 4567 8901 Techcombank", "pii.bank_account") == ["1903 4567 8901"]
    assert spans("chuyển khoản vào 0071000123456 Vietcombank", "pii.bank_account") == [
        "0071000123456"
    ]
    assert spans("mã sản phẩm 19034567", "pii.bank_account") == []


def test_it_finds_email_addresses() -> None:
    assert spans("gửi về nguyen.van-a+1@so-nn.ninhbinh.gov.vn nhé", "pii.email") == [
        "nguyen.van-a+1@so-nn.ninhbinh.gov.vn"
    ]
    assert spans("@admin ơi", "pii.email") == []


@pytest.mark.parametrize("plate", ["29A-123.45", "30E12345", "51F-888.88", "29A1 123.45"])
def test_it_finds_licence_plates(plate: str) -> None:
    assert spans(f"xe {plate} vượt đèn đỏ", "pii.plate") == [plate]


def test_a_model_number_is_not_a_plate() -> None:
    assert spans("điện thoại A12 giá tốt", "pii.plate") == []


def test_it_finds_a_street_address_with_a_house_number() -> None:
    (finding,) = hits("nhà nó ở số 12 ngõ 34 phố Huế đấy", "pii.address")
    assert "số 12 ngõ 34 phố Huế" in finding.text
    assert finding.severity == 2


def test_a_village_name_is_low_severity_personal_data() -> None:
    (finding,) = hits("tôi ở thôn Đông Xá", "pii.address")
    assert (finding.text, finding.severity) == ("thôn Đông Xá", 1)
    assert spans("thôn này đẹp", "pii.address") == []


# -- credentials --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "mật khẩu là Abc@1234",
        "mat khau: hoa123456",
        "mk: Trang2024",
        "pass wifi = 88889999x",
        "Mật khẩu facebook của tôi là Ng0cAnh!",
    ],
)
def test_it_flags_shared_passwords(text: str) -> None:
    (finding,) = hits(text, "credentials.password")
    assert finding.category == "account_security"


def test_advice_about_passwords_is_not_a_leak() -> None:
    assert hits("mật khẩu là gì vậy", "credentials") == []
    assert hits("mật khẩu là thông tin cá nhân, đừng chia sẻ", "credentials") == []


@pytest.mark.parametrize(
    "text",
    ["OTP 123456", "mã OTP của bạn là 123 456", "mã xác thực: 884421", "ma xac nhan la 5566"],
)
def test_it_flags_shared_otp_codes(text: str) -> None:
    assert len(hits(text, "credentials.otp")) == 1


# -- links ------------------------------------------------------------------------------------------
def test_a_plain_link_is_fine() -> None:
    assert hits("xem tại https://dichvucong.gov.vn/p/home", "links") == []
    assert hits("trang vietcombank.com.vn", "links") == []


@pytest.mark.parametrize(
    "text",
    [
        "vào dichvucong-gov.vn.com để nhận",
        "http://vietcombank-xacminh.top/login",
        "www.bidv-hotro.online",
        "vneid.gov-vn.xyz",
    ],
)
def test_look_alike_domains_of_state_and_bank_brands_are_phishing(text: str) -> None:
    (finding,) = hits(text, "links.lookalike")
    assert finding.severity == 3
    assert screen(text, classifier=False).verdict == "block"


def test_shortened_links_need_review() -> None:
    (finding,) = hits("bấm bit.ly/3abcd ngay", "links.shortener")
    assert finding.text == "bit.ly/3abcd"
    assert screen("bấm bit.ly/3abcd", classifier=False).verdict == "review"


def test_an_abbreviation_with_a_dot_is_not_a_link() -> None:
    assert hits("TP.HCM và v.v.", "links") == []


# -- child safety ----------------------------------------------------------------------------------
def test_a_childs_age_with_name_and_school_is_a_child_safety_finding() -> None:
    text = "Bé Nguyễn Thị Mai, 8 tuổi, học lớp 3 trường tiểu học Kim Đồng bị lạc"
    (finding,) = hits(text, "child.identity")
    assert finding.category == "child_safety"
    assert "Mai" in finding.text and "Kim Đồng" in finding.text


def test_a_childs_class_with_a_phone_is_a_child_safety_finding() -> None:
    assert len(hits("cháu học lớp 5, ai thấy gọi 0912345678", "child.identity")) == 1


def test_an_age_alone_or_an_adult_age_is_not_a_child_identity() -> None:
    assert hits("cháu 10 tuổi rồi", "child.identity") == []
    assert hits("anh Nguyễn Văn Nam 35 tuổi ở số 5 ngõ 7 phố Huế", "child.identity") == []
    assert hits("học sinh lớp 12 trường THPT Chu Văn An", "child.identity") == []


def test_sexualising_cues_near_a_child_are_critical() -> None:
    (finding,) = hits("cho xem ảnh nóng bé gái", "child.sexualising")
    assert finding.severity == 4
    assert hits("ảnh nóng người mẫu", "child.sexualising") == []


# -- illegal ads and claims ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("nhận ghi lô đề uy tín", "ads.lo-de"),
        ("soi kèo nhà cái uy tín", "ads.ca-do"),
        ("vay nóng trong ngày", "ads.vay-nong"),
        ("bán mật gấu nguyên chất", "ads.wildlife"),
        ("làm bằng đại học giả lấy ngay", "ads.fake-diploma"),
        ("bán sim rác số lượng lớn", "ads.sim-trading"),
        ("thu mua tài khoản ngân hàng giá cao", "ads.account-trading"),
        ("có sẵn paraquat", "ads.paraquat"),
    ],
)
def test_illegal_ad_cues_are_found(text: str, rule: str) -> None:
    assert hits(text, rule), text


def test_a_weak_loan_cue_needs_a_loan_context() -> None:
    assert hits("không cần thế chấp", "ads.vay-weak") == []
    assert hits("cho vay không cần thế chấp", "ads.") != []


def test_news_about_wildlife_seizures_is_not_an_ad() -> None:
    assert hits("kiểm lâm tịch thu 20 kg vảy tê tê", "ads.wildlife") == []


def test_alarmist_claims_need_review() -> None:
    verdict = screen("Chia sẻ ngay! Chính quyền đang giấu, tin chuẩn 100%", classifier=False)
    assert verdict.verdict == "review"
    assert {f.rule for f in verdict.findings} >= {"claims.share-now", "claims.cover-up"}


def test_a_home_address_written_in_lower_case_is_found() -> None:
    (finding,) = hits("con nợ tên lan, nhà ở xóm 5 xã hưng lộc", "pii.address")
    assert finding.severity == 2
    assert "xóm 5" in finding.text
    assert hits("tôi ở to lam roi", "pii.address") == []


def test_id_numbers_after_an_explicit_cue_are_found_even_with_an_unusual_prefix() -> None:
    assert spans("tên hương, cccd 050335290937, ở b2", "pii.cccd") == ["050335290937"]
    assert spans("số hộ chiếu C1234567 của chị ấy", "pii.passport") == ["C1234567"]
    assert spans("mã số thuế cá nhân 8012345678 của ông ấy", "pii.tax_code") == ["8012345678"]
    assert spans("mã đơn hàng 8012345678", "pii.tax_code") == []


def test_a_mistyped_mobile_number_counts_after_a_phone_cue() -> None:
    assert spans("số điện thoại của thằng đó là 097 716 183, gọi đi", "pii.phone") == [
        "097 716 183"
    ]
    assert spans("mã 097716183", "pii.phone") == []


def test_obfuscated_cue_words_still_count() -> None:
    assert spans("số t.à.i k.h.o.ả.n vneid 963031678817 của nó", "pii.bank_account") == [
        "963031678817"
    ]
    assert len(hits("m*t k h ẩ u shopee của mình là quân640696", "credentials.password")) == 1


def test_health_status_of_a_named_person_is_personal_data() -> None:
    (finding,) = hits("anh tùng ở xóm trên bị hiv, mọi người cẩn thận", "health.")
    assert finding.category == "personal_data"
    assert hits("tư vấn xét nghiệm miễn phí phòng chống hiv", "health.") == []


def test_a_password_or_otp_is_not_also_reported_as_a_bank_account() -> None:
    verdict = screen("mã otp vietcombank của em là 811440, anh đăng nhập giúp em", classifier=False)
    assert [f.rule for f in verdict.findings] == ["credentials.otp"]


def test_asking_for_an_otp_is_an_account_takeover_script() -> None:
    assert (
        len(hits("anh là nhân viên ngân hàng, chị đọc mã xác thực để hoàn tất hồ sơ", "scams."))
        == 1
    )
    assert hits("Ngân hàng không bao giờ yêu cầu khách hàng đọc mã OTP", "scams.") == []
