"""Account addresses per platform: what is accepted, how it is normalised, what is refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ungxu.socials_core.handles import PLATFORMS, HandleError, guess_platform, normalise_handle


@pytest.mark.parametrize(
    ("value", "url", "handle", "kind"),
    [
        (
            "https://www.facebook.com/SNNPTNTNinhBinh",
            "https://www.facebook.com/snnptntninhbinh",
            "snnptntninhbinh",
            "page",
        ),
        (
            "facebook.com/snnptntninhbinh/",
            "https://www.facebook.com/snnptntninhbinh",
            "snnptntninhbinh",
            "page",
        ),
        (
            "https://m.facebook.com/snnptntninhbinh?ref=bookmarks",
            "https://www.facebook.com/snnptntninhbinh",
            "snnptntninhbinh",
            "page",
        ),
        (
            "http://fb.com/snnptnt.ninhbinh",
            "https://www.facebook.com/snnptnt.ninhbinh",
            "snnptnt.ninhbinh",
            "page",
        ),
        (
            "https://web.facebook.com/snnptntninhbinh/posts/12345",
            "https://www.facebook.com/snnptntninhbinh",
            "snnptntninhbinh",
            "page",
        ),
        (
            "https://www.facebook.com/profile.php?id=100064123456789",
            "https://www.facebook.com/profile.php?id=100064123456789",
            "100064123456789",
            "profile_id",
        ),
        (
            "https://www.facebook.com/people/So-Nong-nghiep/100064123456789/",
            "https://www.facebook.com/profile.php?id=100064123456789",
            "100064123456789",
            "profile_id",
        ),
        (
            "https://www.facebook.com/SoNongNghiep-100064123456789",
            "https://www.facebook.com/profile.php?id=100064123456789",
            "100064123456789",
            "profile_id",
        ),
        ("@snnptntninhbinh", "https://www.facebook.com/snnptntninhbinh", "snnptntninhbinh", "page"),
        (
            "100064123456789",
            "https://www.facebook.com/profile.php?id=100064123456789",
            "100064123456789",
            "profile_id",
        ),
    ],
)
def test_it_normalises_facebook_page_addresses(
    value: str, url: str, handle: str, kind: str
) -> None:
    address = normalise_handle("facebook_page", value)
    assert (address.url, address.handle, address.kind) == (url, handle, kind)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://www.facebook.com/groups/nongdanninhbinh", "nhóm Facebook"),
        ("https://www.facebook.com/watch/?v=123", "chức năng của Facebook"),
        ("https://www.facebook.com/share/abc123", "đường dẫn chia sẻ"),
        ("https://www.facebook.com/profile.php", "thiếu mã số id"),
        ("https://www.facebook.com/", "thiếu tên trang"),
        ("https://zalo.me/123456789", "không phải facebook.com"),
        ("Sở Nông nghiệp", "không phải tên người dùng Facebook"),
        ("https://www.facebook.com/trang_co_gach", "chỉ được gồm chữ không dấu"),
    ],
)
def test_it_refuses_what_is_not_a_facebook_page(value: str, message: str) -> None:
    with pytest.raises(HandleError, match=message) as info:
        normalise_handle("facebook_page", value)
    assert str(info.value).startswith("Đường dẫn không phải trang Facebook hợp lệ")
    assert info.value.field == "handle"


def test_it_normalises_facebook_groups_by_name_or_id() -> None:
    by_name = normalise_handle(
        "facebook_group", "https://m.facebook.com/groups/NongDanNinhBinh/?ref=share"
    )
    by_id = normalise_handle("facebook_group", "facebook.com/groups/123456789012345/permalink/1/")
    assert by_name.url == "https://www.facebook.com/groups/nongdanninhbinh"
    assert by_id.handle == "123456789012345"
    with pytest.raises(HandleError, match="nhóm Facebook hợp lệ"):
        normalise_handle("facebook_group", "https://www.facebook.com/snnptntninhbinh")


def test_it_normalises_zalo_official_accounts() -> None:
    assert (
        normalise_handle("zalo_oa", "https://zalo.me/4318372937465123456").handle
        == "4318372937465123456"
    )
    assert (
        normalise_handle("zalo_oa", "4318372937465123456").url
        == "https://zalo.me/4318372937465123456"
    )
    assert normalise_handle("zalo_oa", "zalo.me/snnninhbinh").kind == "alias"


def test_it_refuses_a_personal_zalo_phone_link() -> None:
    with pytest.raises(HandleError, match="số điện thoại"):
        normalise_handle("zalo_oa", "https://zalo.me/0912345678")


@pytest.mark.parametrize(
    ("value", "url", "handle"),
    [
        (
            "https://www.youtube.com/@SNNNinhBinh",
            "https://www.youtube.com/@snnninhbinh",
            "@snnninhbinh",
        ),
        ("youtube.com/@snnninhbinh/videos", "https://www.youtube.com/@snnninhbinh", "@snnninhbinh"),
        ("@snnninhbinh", "https://www.youtube.com/@snnninhbinh", "@snnninhbinh"),
        (
            "https://m.youtube.com/channel/UCabcdefghijklmnopqrstuv",
            "https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv",
            "UCabcdefghijklmnopqrstuv",
        ),
        (
            "UCabcdefghijklmnopqrstuv",
            "https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv",
            "UCabcdefghijklmnopqrstuv",
        ),
        (
            "https://www.youtube.com/c/TruyenHinhNinhBinh",
            "https://www.youtube.com/c/truyenhinhninhbinh",
            "truyenhinhninhbinh",
        ),
    ],
)
def test_it_normalises_youtube_channels(value: str, url: str, handle: str) -> None:
    address = normalise_handle("youtube", value)
    assert (address.url, address.handle) == (url, handle)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "đường dẫn video"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "đường dẫn video"),
        ("https://www.youtube.com/channel/UCshort", "bắt đầu bằng UC"),
        ("snnninhbinh", "@tên_kênh"),
    ],
)
def test_it_refuses_what_is_not_a_youtube_channel(value: str, message: str) -> None:
    with pytest.raises(HandleError, match=message):
        normalise_handle("youtube", value)


def test_it_normalises_tiktok_accounts_and_refuses_short_links() -> None:
    address = normalise_handle(
        "tiktok", "https://www.tiktok.com/@SNN.NinhBinh/video/7300000000000000000"
    )
    assert (address.url, address.handle) == (
        "https://www.tiktok.com/@snn.ninhbinh",
        "@snn.ninhbinh",
    )
    assert normalise_handle("tiktok", "@snn_ninhbinh").handle == "@snn_ninhbinh"
    with pytest.raises(HandleError, match="rút gọn"):
        normalise_handle("tiktok", "https://vm.tiktok.com/ZSabc123/")
    with pytest.raises(HandleError, match=r"tiktok\.com/@tên"):
        normalise_handle("tiktok", "https://www.tiktok.com/discover")


def test_a_website_is_normalised_and_gov_vn_is_noted() -> None:
    portal = normalise_handle("website", "SNNPTNT.NinhBinh.gov.vn/")
    assert portal.url == "https://snnptnt.ninhbinh.gov.vn"
    assert portal.is_gov
    assert any(".gov.vn" in note for note in portal.notes)
    other = normalise_handle("website", "http://www.hoptacxa-ninhphong.vn/gioi-thieu")
    assert (other.handle, other.is_gov) == ("hoptacxa-ninhphong.vn/gioi-thieu", False)
    assert any("https" in note for note in other.notes)


@pytest.mark.parametrize("value", ["không phải địa chỉ", "ftp://snn.gov.vn", "https://bad_host.vn"])
def test_it_refuses_what_is_not_a_web_address(value: str) -> None:
    with pytest.raises(HandleError, match="Địa chỉ trang/cổng thông tin không hợp lệ"):
        normalise_handle("website", value)


def test_other_platforms_keep_the_text_as_handle() -> None:
    assert normalise_handle("other", "  Kênh Telegram SNN ").handle == "kênh telegram snn"


def test_an_unknown_platform_or_empty_value_is_refused() -> None:
    with pytest.raises(HandleError) as info:
        normalise_handle("myspace", "x")
    assert info.value.field == "platform"
    with pytest.raises(HandleError, match="Chưa nhập"):
        normalise_handle("tiktok", "   ")


@pytest.mark.parametrize(
    ("value", "platform"),
    [
        ("https://m.facebook.com/abcde", "facebook_page"),
        ("facebook.com/groups/abc", "facebook_group"),
        ("https://zalo.me/123456789", "zalo_oa"),
        ("youtu.be/xyz", "youtube"),
        ("https://www.tiktok.com/@abc", "tiktok"),
        ("https://snn.ninhbinh.gov.vn", "website"),
        ("@abc", None),
    ],
)
def test_it_guesses_the_platform_from_the_host(value: str, platform: str | None) -> None:
    assert guess_platform(value) == platform


@settings(max_examples=80, deadline=None)
@given(
    platform=st.sampled_from(sorted(PLATFORMS)),
    value=st.one_of(
        st.text(max_size=60),
        st.builds(lambda s: "https://www.facebook.com/" + s, st.text(max_size=30)),
        st.builds(lambda s: "http://[" + s, st.text(max_size=10)),
    ),
)
def test_any_input_gives_an_address_or_a_vietnamese_error(platform: str, value: str) -> None:
    try:
        address = normalise_handle(platform, value)
    except HandleError as error:
        assert error.message
    else:
        assert address.platform == platform
