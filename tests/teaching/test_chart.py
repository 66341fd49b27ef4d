"""The server-rendered bar chart: accessible, escaped, bars to scale."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from vaktaal.teaching.chart import Bar, bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_the_chart_has_a_title_and_a_description_it_is_labelled_by() -> None:
    root = parse(bar_chart_svg([Bar("9 mrt", 3)], title="Minuten", description="Per week"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-title chart-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text == "Minuten" and title.get("id") == "chart-title"
    assert desc is not None and desc.text == "Per week" and desc.get("id") == "chart-desc"


def test_bars_are_drawn_to_scale_with_their_value_written_on_them() -> None:
    root = parse(
        bar_chart_svg(
            [Bar("a", 10), Bar("b", 5), Bar("c", 0), Bar("d", 2.5)], title="t", description="d"
        )
    )
    heights = [float(rect.get("height", "")) for rect in root.iter(f"{SVG}rect")]
    assert heights[1] == pytest.approx(heights[0] / 2, abs=0.1)
    assert heights[2] == 0
    assert heights[3] == pytest.approx(heights[0] / 4, abs=0.1)
    values = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "bar-chart__value"]
    assert values == ["10", "5", "0", "2.5"]
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "bar-chart__label"]
    assert labels == ["a", "b", "c", "d"]


def test_all_zero_and_no_bars_draw_an_empty_axis() -> None:
    zero = parse(bar_chart_svg([Bar("a", 0), Bar("b", 0)], title="t", description="d"))
    assert [float(r.get("height", "")) for r in zero.iter(f"{SVG}rect")] == [0, 0]
    empty = parse(bar_chart_svg([], title="t", description="d"))
    assert list(empty.iter(f"{SVG}rect")) == []
    assert empty.find(f"{SVG}line") is not None


def test_text_is_escaped() -> None:
    svg = bar_chart_svg(
        [Bar("<script>", 1)], title='"A" & <b>', description="</desc>", chart_id='x"y'
    )
    root = parse(svg)  # still well-formed
    assert "<script>" not in svg
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == '"A" & <b>'
    assert root.get("id") == 'x"y'


def test_negative_values_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        bar_chart_svg([Bar("a", -1)], title="t", description="d")
