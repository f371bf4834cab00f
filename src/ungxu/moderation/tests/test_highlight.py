from ungxu.moderation.highlight import highlight


def test_it_escapes_the_text_around_and_inside_findings():
    text = "<script>x</script> đồ ngu & <b>"
    html = highlight(text, [{"start": 19, "end": 25, "category": "insult"}])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<mark class="finding" data-categories="insult"' in html
    assert ">đồ ngu<sup" in html
    assert html.endswith(" &amp; &lt;b&gt;")


def test_overlapping_findings_become_one_mark_listing_both():
    html = highlight(
        "abcdefgh",
        [{"start": 0, "end": 4, "category": "a"}, {"start": 2, "end": 6, "category": "b"}],
    )
    assert html.count("<mark") == 1
    assert 'data-categories="a b"' in html and ">abcdef<sup" in html


def test_offsets_outside_the_text_are_clamped_and_empty_spans_ignored():
    html = highlight(
        "abc", [{"start": 2, "end": 99, "category": "x"}, {"start": 1, "end": 1, "category": "y"}]
    )
    assert (
        html
        == 'ab<mark class="finding" data-categories="x" title="Phát hiện 1">c<sup class="finding-ref">1</sup></mark>'
    )
