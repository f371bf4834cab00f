"""`partials/form_field.html` renders each kind of widget with the right label structure."""

from __future__ import annotations

import re

from django import forms
from django.template.loader import render_to_string

CHOICES = [("a", "Lựa chọn A"), ("b", "Lựa chọn B")]


class AllWidgets(forms.Form):
    name = forms.CharField(label="Họ và tên", help_text="Đầy đủ, có dấu.")
    agree = forms.BooleanField(label="Tôi đồng ý")
    kinds = forms.MultipleChoiceField(
        label="Loại", choices=CHOICES, widget=forms.CheckboxSelectMultiple
    )
    level = forms.ChoiceField(label="Mức", choices=CHOICES, widget=forms.RadioSelect)
    unit = forms.ChoiceField(label="Đơn vị", choices=CHOICES)
    on = forms.DateField(label="Ngày", widget=forms.SelectDateWidget(years=[2026]))


def render(form: forms.Form, name: str) -> str:
    return render_to_string("partials/form_field.html", {"field": form[name]})


def test_a_text_input_gets_a_label_pointing_at_it_and_a_required_mark():
    html = render(AllWidgets(), "name")
    assert '<label for="id_name">Họ và tên' in html
    assert "(bắt buộc)" in html
    assert 'id="id_name_helptext"' in html
    assert "<fieldset" not in html


def test_a_single_check_box_carries_its_own_label():
    html = render(AllWidgets(), "agree")
    assert "field-check" in html
    assert re.search(r'<label for="id_agree"><input type="checkbox"[^>]*> Tôi đồng ý</label>', html)
    assert "<fieldset" not in html


def test_a_check_box_group_is_a_fieldset_named_by_its_legend():
    html = render(AllWidgets(), "kinds")
    assert "field-check" not in html
    assert "<legend>Loại" in html
    assert html.count('type="checkbox"') == 2
    assert re.search(r'<label class="choice-option" for="id_kinds_0"><input[^>]*> Lựa chọn A', html)
    # No label of the whole group points at the first box (that would name it "Loại").
    assert '<label for="id_kinds_0">Loại' not in html


def test_a_radio_group_is_a_fieldset_with_one_label_per_option():
    html = render(AllWidgets(), "level")
    assert "<legend>Mức" in html
    assert html.count('type="radio"') == 2
    assert 'for="id_level_1"><input' in html


def test_a_select_keeps_a_plain_label():
    html = render(AllWidgets(), "unit")
    assert '<label for="id_unit">Đơn vị' in html
    assert "<select" in html and "<fieldset" not in html


def test_a_multi_part_date_is_a_fieldset_around_its_selects():
    html = render(AllWidgets(), "on")
    assert "<legend>Ngày" in html
    assert html.count("<select") == 3


def test_errors_of_a_group_are_shown_and_described_on_the_fieldset():
    form = AllWidgets(data={})
    form.is_valid()
    html = render(form, "kinds")
    assert "has-error" in html
    assert 'aria-describedby="id_kinds_error"' in html
    assert 'id="id_kinds_error"' in html
