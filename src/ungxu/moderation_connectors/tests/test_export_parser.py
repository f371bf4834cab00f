import datetime as dt
from pathlib import Path

import pytest

from ungxu.moderation_connectors import ColumnMap, ConnectorError, parse_csv, parse_jsonl

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
VN = dt.timezone(dt.timedelta(hours=7))


def test_it_reads_a_csv_export_with_vietnamese_headers():
    result = parse_csv((SAMPLES / "export_comments.csv").read_bytes())
    assert [i.platform_id for i in result.items] == ["cmt-001", "cmt-002", "cmt-003"]
    first = result.items[0]
    assert first.platform == "export" and first.kind == "comment"
    assert first.author_name == "Nguyễn Văn Bình"
    assert first.thread_id == "post-01"
    assert first.created_at == dt.datetime(2026, 1, 5, 8, 30, tzinfo=VN)
    assert first.permalink == "https://example.org/p/01#c1"
    assert result.items[2].kind == "reply"


def test_it_reads_a_jsonl_export_and_derives_a_stable_id_when_none_is_given():
    data = (SAMPLES / "export_comments.jsonl").read_bytes()
    first, second = parse_jsonl(data), parse_jsonl(data)
    assert len(first.items) == 3
    assert first.items[0].platform == "tiktok"
    assert first.items[1].created_at == dt.datetime(2026, 1, 6, 7, 0, tzinfo=dt.UTC)
    derived = first.items[2]
    assert derived.platform_id.startswith("sha256:")
    assert derived.platform_id == second.items[2].platform_id
    assert derived.created_at == dt.datetime(2026, 1, 6, tzinfo=VN)


def test_configured_column_names_are_used():
    data = "ma_bl;noi_dung_bl;luc\nA1;Xin chào Sở;2026-01-05 08:00\n"
    columns = ColumnMap(
        platform_id="ma_bl", text="noi_dung_bl", created_at="luc", default_platform="facebook"
    )
    item = parse_csv(data, columns).items[0]
    assert (item.platform, item.platform_id, item.text) == ("facebook", "A1", "Xin chào Sở")


def test_a_configured_column_that_is_missing_is_named():
    with pytest.raises(ConnectorError, match="không có cột 'noi_dung_bl'"):
        parse_csv("text\nxin chào\n", ColumnMap(text="noi_dung_bl"))


def test_a_file_without_a_text_column_is_rejected():
    with pytest.raises(ConnectorError, match="không có cột nội dung"):
        parse_csv("id,tác giả\n1,An\n")


def test_bad_rows_are_all_named_and_nothing_is_imported_in_strict_mode():
    data = (
        "id,text,created_at,kind\n"
        "1,Ổn,2026-01-05,comment\n"
        "2,,2026-01-05,comment\n"
        "3,Sai ngày,32/13/2026,comment\n"
        "4,Sai loại,2026-01-05,bài báo\n"
    )
    with pytest.raises(ConnectorError) as info:
        parse_csv(data)
    assert info.value.errors == (
        "Dòng 3: cột 'text': nội dung trống.",
        "Dòng 4: cột 'created_at': thời gian '32/13/2026' không hợp lệ "
        "(dùng dạng 2026-01-05 08:30 hoặc 05/01/2026 08:30).",
        "Dòng 5: cột 'kind': loại 'bài báo' không hợp lệ (dùng comment, reply, message, post).",
    )
    assert "3 dòng lỗi" in str(info.value)


def test_lenient_mode_keeps_good_rows_and_warns_about_bad_ones():
    result = parse_csv("id,text\n1,Ổn\n2,\n", strict=False)
    assert [i.platform_id for i in result.items] == ["1"]
    assert result.warnings == ["Dòng 3: cột 'text': nội dung trống."]


def test_a_row_with_more_cells_than_headers_is_named():
    with pytest.raises(ConnectorError, match="Dòng 2: có 3 cột"):
        parse_csv("id,text\n1,a,b\n")


def test_a_jsonl_line_that_is_not_json_is_named():
    data = '{"text": "tốt"}\n{hỏng\n[1, 2]\n'
    with pytest.raises(ConnectorError) as info:
        parse_jsonl(data)
    assert info.value.errors == (
        "Dòng 2: không phải JSON hợp lệ.",
        "Dòng 3: phải là một đối tượng JSON {…}.",
    )


def test_a_non_utf8_file_gets_a_clear_message():
    with pytest.raises(ConnectorError, match="UTF-8"):
        parse_csv("id,text\n1,Xin chào\n".encode("cp1258"))


def test_utf16_and_bom_files_are_read():
    text = "id,nội dung\n1,Bình luận có dấu\n"
    for data in (text.encode("utf-16"), text.encode("utf-8-sig")):
        assert parse_csv(data).items[0].text == "Bình luận có dấu"


def test_empty_files_are_rejected():
    with pytest.raises(ConnectorError, match="rỗng"):
        parse_csv(b"")
    with pytest.raises(ConnectorError, match="rỗng"):
        parse_jsonl("\n\n")


def test_a_deeply_nested_jsonl_line_does_not_crash():
    data = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    with pytest.raises(ConnectorError):
        parse_jsonl(data)


def test_the_delimiter_comes_from_the_header_not_from_commas_inside_comments():
    data = 'id;text\n1;"Đường hỏng, ngập nước, đề nghị sửa"\n2;Cảm ơn, rất tốt\n'
    assert [i.text for i in parse_csv(data).items] == [
        "Đường hỏng, ngập nước, đề nghị sửa",
        "Cảm ơn, rất tốt",
    ]
    tabbed = "id\ttext\n1\tMột, hai; ba\n"
    assert parse_csv(tabbed).items[0].text == "Một, hai; ba"


def test_day_first_times_with_seconds_and_dashes_are_read_in_vietnam_time():
    data = "id,text,created_at\n1,a,05/01/2026 08:30:15\n2,b,5-1-2026\n3,c,2026-01-05T01:00:00Z\n"
    times = [i.created_at for i in parse_csv(data).items]
    assert times == [
        dt.datetime(2026, 1, 5, 8, 30, 15, tzinfo=VN),
        dt.datetime(2026, 1, 5, tzinfo=VN),
        dt.datetime(2026, 1, 5, 1, tzinfo=dt.UTC),
    ]
