"""Validate and normalise the address of an official account, per platform.

``normalise_handle(platform, value)`` takes what a person pasted (a full URL, a URL without
``https://``, a mobile link, ``@handle`` or a bare id) and returns one canonical URL and handle,
so the same account is always stored, compared and deduplicated the same way. Anything that is
not an account address of that platform raises ``HandleError`` with a Vietnamese message that
says what is wrong and what to paste instead. No network access: short links that would need
to be followed are refused with an explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import parse_qs, urlsplit

__all__ = ["PLATFORMS", "AccountAddress", "HandleError", "guess_platform", "normalise_handle"]

PLATFORMS: Final[dict[str, str]] = {
    "facebook_page": "Trang Facebook",
    "facebook_group": "Nhóm Facebook",
    "zalo_oa": "Zalo Official Account",
    "youtube": "Kênh YouTube",
    "tiktok": "TikTok",
    "website": "Trang/cổng thông tin điện tử",
    "other": "Khác",
}


class HandleError(ValueError):
    """The value is not a valid account address for the platform (message in Vietnamese)."""

    def __init__(self, message: str, field: str = "handle") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class AccountAddress:
    platform: str
    url: str  # canonical URL, https
    handle: str  # canonical handle/id; lower case where the platform ignores case
    kind: str  # page, profile_id, group, oa, alias, channel, custom, user, site, other
    is_gov: bool = False  # website under .gov.vn
    notes: tuple[str, ...] = field(default=())


_FACEBOOK_HOSTS = {
    "facebook.com",
    "fb.com",
    "fb.me",
    "m.facebook.com",
    "mbasic.facebook.com",
    "web.facebook.com",
    "touch.facebook.com",
    "business.facebook.com",
}
_YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "music.youtube.com"}
_TIKTOK_HOSTS = {"tiktok.com", "m.tiktok.com"}
_ZALO_HOSTS = {"zalo.me", "oa.zalo.me", "chat.zalo.me"}

# Facebook paths that are features of the site, never a page's username.
_FACEBOOK_RESERVED = {
    "watch",
    "events",
    "marketplace",
    "gaming",
    "login",
    "login.php",
    "home.php",
    "sharer",
    "sharer.php",
    "share",
    "permalink.php",
    "story.php",
    "photo",
    "photo.php",
    "photos",
    "reel",
    "reels",
    "help",
    "policies",
    "privacy",
    "settings",
    "search",
    "hashtag",
    "notifications",
    "messages",
    "friends",
    "bookmarks",
    "stories",
    "video.php",
    "videos",
    "live",
    "pages",
    "people",
    "groups",
    "profile.php",
    "dialog",
    "plugins",
    "ads",
    "business",
    "l.php",
}
_FB_USERNAME = re.compile(r"^[A-Za-z0-9.]{5,50}$")
_FB_GROUP = re.compile(r"^[A-Za-z0-9.]{1,100}$")
_DIGITS = re.compile(r"^\d{5,25}$")
_YT_HANDLE = re.compile(r"^[A-Za-z0-9._-]{3,30}$")
_YT_CHANNEL = re.compile(r"^UC[A-Za-z0-9_-]{22}$")
_YT_LEGACY = re.compile(r"^[A-Za-z0-9._-]{1,100}$")
_TIKTOK_HANDLE = re.compile(r"^[A-Za-z0-9_.]{2,24}$")
_ZALO_ALIAS = re.compile(r"^[a-z][a-z0-9._]{2,49}$")
_VN_PHONE = re.compile(r"^(?:0|84)\d{9}$")
_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


@dataclass(frozen=True)
class _Url:
    scheme: str
    host: str  # lower case, without "www." and port
    segments: tuple[str, ...]
    query: dict[str, list[str]]


def _split_url(value: str) -> _Url | None:
    """Parse ``value`` as a URL (scheme optional); None when it does not look like one."""
    text = value.strip()
    if "://" not in text:
        first = text.split("/", 1)[0]
        if "." not in first or " " in first:
            return None
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:  # e.g. an unclosed "[" read as an IPv6 address
        return None
    if not host:
        return None
    host = host.removeprefix("www.")
    segments = tuple(seg for seg in parts.path.split("/") if seg)
    return _Url(parts.scheme.lower(), host, segments, parse_qs(parts.query))


def _bare(value: str) -> str:
    return value.strip().removeprefix("@")


def guess_platform(value: str) -> str | None:
    """The platform a pasted URL belongs to, from its host; None for a bare handle."""
    url = _split_url(value)
    if url is None:
        return None
    if url.host in _FACEBOOK_HOSTS:
        return "facebook_group" if url.segments[:1] == ("groups",) else "facebook_page"
    if url.host in _YOUTUBE_HOSTS or url.host == "youtu.be":
        return "youtube"
    if url.host in _TIKTOK_HOSTS or url.host.endswith(".tiktok.com"):
        return "tiktok"
    if url.host in _ZALO_HOSTS:
        return "zalo_oa"
    return "website"


def normalise_handle(platform: str, value: str) -> AccountAddress:
    """Canonical URL and handle of ``value`` on ``platform``; ``HandleError`` when invalid."""
    if platform not in PLATFORMS:
        raise HandleError(f"Nền tảng '{platform}' không được hỗ trợ.", field="platform")
    if not value or not value.strip():
        raise HandleError("Chưa nhập đường dẫn hoặc định danh tài khoản.")
    parser = _PARSERS[platform]
    return parser(value.strip())


# ----------------------------------------------------------------------------- facebook


def _facebook_page(value: str) -> AccountAddress:
    error = "Đường dẫn không phải trang Facebook hợp lệ"
    url = _split_url(value)
    if url is None:
        name = _bare(value)
        if _DIGITS.match(name):
            return _fb_profile_id(name)
        if _FB_USERNAME.match(name):
            return _fb_page(name)
        raise HandleError(
            f"{error}: '{value}' không phải tên người dùng Facebook (ít nhất 5 ký tự gồm chữ "
            "không dấu, số và dấu chấm)."
        )
    if url.host not in _FACEBOOK_HOSTS:
        raise HandleError(f"{error}: địa chỉ thuộc '{url.host}', không phải facebook.com.")
    segs = url.segments
    if not segs:
        raise HandleError(f"{error}: thiếu tên trang sau facebook.com/.")
    head = segs[0].lower()
    if head == "profile.php":
        ids = url.query.get("id", [])
        if ids and _DIGITS.match(ids[0]):
            return _fb_profile_id(ids[0])
        raise HandleError(f"{error}: đường dẫn profile.php thiếu mã số id.")
    if head == "groups":
        raise HandleError(
            f"{error}: đây là đường dẫn nhóm Facebook, hãy chọn nền tảng 'Nhóm Facebook'."
        )
    if head in {"pages", "people"} and len(segs) >= 3 and _DIGITS.match(segs[2]):
        return _fb_profile_id(segs[2])  # legacy /pages/<Name>/<id> and /people/<Name>/<id>
    if head in {"share", "sharer", "sharer.php"}:
        raise HandleError(
            f"{error}: đây là đường dẫn chia sẻ, hãy mở nó và dán địa chỉ của chính trang."
        )
    if head in _FACEBOOK_RESERVED:
        raise HandleError(
            f"{error}: '/{segs[0]}' là một chức năng của Facebook, không phải tên trang."
        )
    if _DIGITS.match(segs[0]):
        return _fb_profile_id(segs[0])
    # /<name>-<id> is how Facebook shows pages without a username
    legacy = re.match(r"^.+-(\d{5,25})$", segs[0])
    if legacy:
        return _fb_profile_id(legacy.group(1))
    if not _FB_USERNAME.match(segs[0]):
        raise HandleError(
            f"{error}: tên trang '{segs[0]}' chỉ được gồm chữ không dấu, số và dấu chấm (5–50 ký tự)."
        )
    return _fb_page(segs[0])


def _fb_page(username: str) -> AccountAddress:
    handle = username.lower()
    return AccountAddress("facebook_page", f"https://www.facebook.com/{handle}", handle, "page")


def _fb_profile_id(number: str) -> AccountAddress:
    return AccountAddress(
        "facebook_page", f"https://www.facebook.com/profile.php?id={number}", number, "profile_id"
    )


def _facebook_group(value: str) -> AccountAddress:
    error = "Đường dẫn không phải nhóm Facebook hợp lệ"
    url = _split_url(value)
    if url is None:
        name = _bare(value)
        if not _FB_GROUP.match(name):
            raise HandleError(f"{error}: '{value}' không phải mã hoặc tên nhóm.")
        group = name
    else:
        if url.host not in _FACEBOOK_HOSTS:
            raise HandleError(f"{error}: địa chỉ thuộc '{url.host}', không phải facebook.com.")
        if len(url.segments) < 2 or url.segments[0].lower() != "groups":
            raise HandleError(
                f"{error}: địa chỉ nhóm có dạng facebook.com/groups/<tên hoặc mã nhóm>."
            )
        group = url.segments[1]
        if not _FB_GROUP.match(group):
            raise HandleError(f"{error}: tên nhóm '{group}' có ký tự không hợp lệ.")
    handle = group.lower()
    return AccountAddress(
        "facebook_group", f"https://www.facebook.com/groups/{handle}", handle, "group"
    )


# ---------------------------------------------------------------------------------- zalo


def _zalo(value: str) -> AccountAddress:
    error = "Đường dẫn không phải Zalo Official Account hợp lệ"
    url = _split_url(value)
    if url is None:
        ident = _bare(value)
    else:
        if url.host not in _ZALO_HOSTS:
            raise HandleError(f"{error}: địa chỉ thuộc '{url.host}', không phải zalo.me.")
        segs = [s for s in url.segments if s.lower() not in {"s", "home"}]
        oaid = url.query.get("oaid") or url.query.get("id")
        ident = oaid[0] if oaid else (segs[0] if segs else "")
        if not ident:
            raise HandleError(f"{error}: thiếu mã OA sau zalo.me/.")
    if _VN_PHONE.match(ident):
        raise HandleError(
            f"{error}: '{ident}' là số điện thoại (tài khoản Zalo cá nhân), không phải mã OA."
        )
    if _DIGITS.match(ident):
        return AccountAddress("zalo_oa", f"https://zalo.me/{ident}", ident, "oa")
    alias = ident.lower()
    if _ZALO_ALIAS.match(alias):
        return AccountAddress("zalo_oa", f"https://zalo.me/{alias}", alias, "alias")
    raise HandleError(f"{error}: '{ident}' không phải mã OA (dãy số) hay tên định danh OA.")


# ------------------------------------------------------------------------------- youtube


def _youtube(value: str) -> AccountAddress:
    error = "Đường dẫn không phải kênh YouTube hợp lệ"
    url = _split_url(value)
    if url is None:
        name = value.strip()
        if _YT_CHANNEL.match(name):
            return _yt_channel(name)
        if name.startswith("@") and _YT_HANDLE.match(name[1:]):
            return _yt_handle(name[1:])
        raise HandleError(
            f"{error}: nhập địa chỉ kênh, @tên_kênh hoặc mã kênh bắt đầu bằng UC (24 ký tự)."
        )
    if url.host == "youtu.be" or url.segments[:1] in {("watch",), ("shorts",), ("live",)}:
        raise HandleError(f"{error}: đây là đường dẫn video, hãy dán địa chỉ của kênh.")
    if url.host not in _YOUTUBE_HOSTS:
        raise HandleError(f"{error}: địa chỉ thuộc '{url.host}', không phải youtube.com.")
    segs = url.segments
    if not segs:
        raise HandleError(f"{error}: thiếu tên kênh sau youtube.com/.")
    head = segs[0]
    if head.startswith("@"):
        if _YT_HANDLE.match(head[1:]):
            return _yt_handle(head[1:])
        raise HandleError(f"{error}: tên kênh '{head}' không hợp lệ (3–30 ký tự).")
    if head == "channel" and len(segs) >= 2:
        if _YT_CHANNEL.match(segs[1]):
            return _yt_channel(segs[1])
        raise HandleError(f"{error}: mã kênh '{segs[1]}' phải bắt đầu bằng UC và dài 24 ký tự.")
    if head in {"c", "user"} and len(segs) >= 2 and _YT_LEGACY.match(segs[1]):
        name = segs[1].lower()
        kind = "custom" if head == "c" else "user"
        return AccountAddress("youtube", f"https://www.youtube.com/{head}/{name}", name, kind)
    raise HandleError(
        f"{error}: địa chỉ kênh có dạng youtube.com/@tên, youtube.com/channel/UC… hoặc "
        "youtube.com/c/tên."
    )


def _yt_handle(name: str) -> AccountAddress:
    handle = name.lower()
    return AccountAddress("youtube", f"https://www.youtube.com/@{handle}", f"@{handle}", "handle")


def _yt_channel(channel_id: str) -> AccountAddress:
    # channel ids are case-sensitive: keep them as they are
    return AccountAddress(
        "youtube", f"https://www.youtube.com/channel/{channel_id}", channel_id, "channel"
    )


# -------------------------------------------------------------------------------- tiktok


def _tiktok(value: str) -> AccountAddress:
    error = "Đường dẫn không phải tài khoản TikTok hợp lệ"
    url = _split_url(value)
    if url is None:
        name = _bare(value)
    else:
        if url.host in {"vm.tiktok.com", "vt.tiktok.com"}:
            raise HandleError(
                f"{error}: đây là đường dẫn rút gọn, hãy mở nó và dán địa chỉ tiktok.com/@tên."
            )
        if url.host not in _TIKTOK_HOSTS:
            raise HandleError(f"{error}: địa chỉ thuộc '{url.host}', không phải tiktok.com.")
        if not url.segments or not url.segments[0].startswith("@"):
            raise HandleError(f"{error}: địa chỉ tài khoản có dạng tiktok.com/@tên.")
        name = url.segments[0][1:]
    if not _TIKTOK_HANDLE.match(name) or name.endswith("."):
        raise HandleError(
            f"{error}: tên '{name}' chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới (2–24 ký tự)."
        )
    handle = name.lower()
    return AccountAddress("tiktok", f"https://www.tiktok.com/@{handle}", f"@{handle}", "user")


# ------------------------------------------------------------------------- website/other


def _website(value: str) -> AccountAddress:
    error = "Địa chỉ trang/cổng thông tin không hợp lệ"
    url = _split_url(value)
    if url is None:
        raise HandleError(
            f"{error}: '{value}' không phải địa chỉ web (ví dụ https://snn.ninhbinh.gov.vn)."
        )
    if url.scheme not in {"http", "https"}:
        raise HandleError(f"{error}: chỉ nhận địa chỉ bắt đầu bằng https://.")
    try:
        host = url.host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise HandleError(f"{error}: tên miền '{url.host}' không hợp lệ.") from exc
    if not _HOST.match(host):
        raise HandleError(f"{error}: tên miền '{url.host}' không hợp lệ.")
    notes: list[str] = []
    if url.scheme == "http":
        notes.append("Địa chỉ dùng http, không mã hóa: nên chuyển sang https.")
    is_gov = host == "gov.vn" or host.endswith(".gov.vn")
    if is_gov:
        notes.append("Tên miền .gov.vn của cơ quan nhà nước.")
    path = "/".join(url.segments)
    handle = f"{host}/{path}" if path else host
    return AccountAddress(
        "website", f"https://{handle}", handle, "site", is_gov=is_gov, notes=tuple(notes)
    )


def _other(value: str) -> AccountAddress:
    url = _split_url(value)
    if url is not None and url.scheme in {"http", "https"}:
        path = "/".join(url.segments)
        handle = f"{url.host}/{path}" if path else url.host
        return AccountAddress("other", f"https://{handle}", handle.lower(), "other")
    text = value.strip()
    if len(text) > 200:
        raise HandleError("Định danh tài khoản quá dài (tối đa 200 ký tự).")
    return AccountAddress("other", "", text.lower(), "other")


_PARSERS = {
    "facebook_page": _facebook_page,
    "facebook_group": _facebook_group,
    "zalo_oa": _zalo,
    "youtube": _youtube,
    "tiktok": _tiktok,
    "website": _website,
    "other": _other,
}
