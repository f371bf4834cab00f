"""The shared partials other apps build their pages from."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

from ungxu.dashboard.templatetags.ungxu_shell import page_window


class ContactForm(forms.Form):
    email = forms.EmailField(
        label="Thư điện tử",
        help_text="Địa chỉ công vụ.",
        error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
    )


def test_a_field_with_an_error_is_marked_invalid_and_points_at_its_messages():
    form = ContactForm(data={"email": "khong-phai-email"})
    html = render_to_string("partials/form_field.html", {"field": form["email"]})
    assert '<label for="id_email">Thư điện tử' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'id="id_email_error"' in html and "Địa chỉ thư điện tử không hợp lệ." in html
    assert 'id="id_email_helptext"' in html


def test_the_form_partial_announces_that_there_are_errors_to_fix():
    html = render_to_string("partials/form.html", {"form": ContactForm(data={})})
    assert 'role="alert"' in html and "Vui lòng sửa các lỗi" in html


def test_pagination_keeps_search_and_filters_and_marks_the_current_page():
    request = RequestFactory().get("/people/", {"q": "Nguyễn", "unit": "5", "page": "3"})
    page = Paginator(list(range(200)), 20).page(3)
    html = render_to_string("partials/pagination.html", {"page_obj": page}, request=request)
    assert "Hiển thị 41–60 trên tổng số 200" in html
    assert 'href="?q=Nguy%E1%BB%85n&amp;unit=5&amp;page=4"' in html
    assert '<span aria-current="page"><span class="visually-hidden">Trang </span>3</span>' in html


def test_the_page_window_shows_the_ends_and_the_neighbourhood_with_gaps():
    page = Paginator(list(range(500)), 10).page(25)
    assert page_window(page) == [1, None, 23, 24, 25, 26, 27, None, 50]
    assert page_window(Paginator(list(range(30)), 10).page(1)) == [1, 2, 3]


def test_the_table_partial_renders_links_numbers_sort_headers_and_an_empty_state():
    request = RequestFactory().get("/x/", {"sort": "name", "q": "a"})
    context = {
        "table_columns": [{"label": "Tên", "sort": "name"}, {"label": "Số người", "numeric": True}],
        "table_rows": [[{"text": "Phòng <A>", "url": "/o/1/"}, 12], ["Phòng B", None]],
        "caption": "Đơn vị",
    }
    html = render_to_string("partials/table.html", context, request=request)
    assert '<a href="/o/1/">Phòng &lt;A&gt;</a>' in html
    assert 'aria-sort="ascending"' in html
    assert "sort=-name" in html and "q=a" in html
    assert '<td class="num">12</td>' in html
    assert '<td class="num">—</td>' in html
    empty = render_to_string(
        "partials/table.html", {"table_rows": [], "empty_message": "Chưa có đơn vị nào."}
    )
    assert "Chưa có đơn vị nào." in empty


def test_the_search_box_searches_live_with_htmx_and_works_without_it():
    request = RequestFactory().get("/people/", {"q": "Lan", "category": "vien_chuc"})
    html = render_to_string(
        "partials/search_box.html", {"hx_target": "#results", "request": request}
    )
    assert 'value="Lan"' in html
    assert 'hx-get="/people/"' in html and 'hx-target="#results"' in html
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert '<input type="hidden" name="category" value="vien_chuc">' in html
    assert '<button type="submit" class="btn">Tìm</button>' in html


def test_breadcrumbs_start_at_home_and_mark_the_current_page():
    html = render_to_string(
        "partials/breadcrumbs.html",
        {"breadcrumbs": [("Đơn vị", "/organisations/"), ("Phòng A", None)]},
    )
    assert '<a href="/">Tổng quan</a>' in html
    assert '<a href="/organisations/">Đơn vị</a>' in html
    assert '<span aria-current="page">Phòng A</span>' in html
