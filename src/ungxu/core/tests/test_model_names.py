import re

import pytest
from django.apps import apps
from django.utils.text import camel_case_to_spaces

VIETNAMESE_LETTER = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]"
)
OUR_APPS = [c for c in apps.get_app_configs() if c.name.startswith("ungxu.")]


def test_our_apps_are_found():
    assert {"ungxu.moderation", "ungxu.campaigns", "ungxu.orgs"} <= {c.name for c in OUR_APPS}


@pytest.mark.parametrize("config", OUR_APPS, ids=lambda c: c.label)
def test_every_app_of_ours_has_a_vietnamese_label(config):
    assert VIETNAMESE_LETTER.search(str(config.verbose_name).casefold()), config.name


@pytest.mark.parametrize(
    "model",
    [m for c in OUR_APPS for m in c.get_models()],
    ids=lambda m: m._meta.label,
)
def test_every_model_of_our_apps_has_vietnamese_singular_and_plural_names(model):
    meta = model._meta
    auto = camel_case_to_spaces(model.__name__)
    for name in (str(meta.verbose_name), str(meta.verbose_name_plural)):
        assert name not in (auto, f"{auto}s"), f"{meta.label}: {name}"
        assert VIETNAMESE_LETTER.search(name.casefold()), f"{meta.label}: {name}"
