"""Vietnamese messages for the API's generic errors (DRF ships few Vietnamese translations).

Set as REST_FRAMEWORK["EXCEPTION_HANDLER"]. Field-level validation messages are set on the
serializers themselves (see ungxu.orgs.api.VietnameseErrorsMixin); this handles the rest.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

MESSAGES = {
    "not_authenticated": "Chưa đăng nhập: gửi mã truy cập API (Authorization: Token …) "
    "hoặc đăng nhập trước.",
    "authentication_failed": "Mã truy cập API không hợp lệ hoặc tài khoản đã bị khoá.",
    "permission_denied": "Bạn không có quyền thực hiện thao tác này.",
    "not_found": "Không tìm thấy hoặc bạn không có quyền xem.",
    "method_not_allowed": "Phương thức này không được hỗ trợ.",
    "parse_error": "Dữ liệu gửi lên không đọc được (cần JSON hợp lệ).",
    "unsupported_media_type": "Kiểu dữ liệu gửi lên không được hỗ trợ (dùng application/json).",
    "throttled": "Quá nhiều yêu cầu; hãy thử lại sau.",
}
_DEFAULT_DETAILS = {
    exceptions.PermissionDenied.default_detail,
    exceptions.NotFound.default_detail,
    "No Organisation matches the given query.",
    "No Person matches the given query.",
}


def vietnamese_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # DRF turns Django's Http404/PermissionDenied into its own exceptions; do it first so the
    # codes below apply to them too.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        return response
    detail = exc.detail
    code = getattr(detail, "code", None) or exc.default_code
    # Keep our own Vietnamese details (e.g. which unit is out of scope); replace English defaults.
    if code in MESSAGES and (str(detail) in _DEFAULT_DETAILS or str(detail).isascii()):
        response.data = {"detail": MESSAGES[code]}
    return response
