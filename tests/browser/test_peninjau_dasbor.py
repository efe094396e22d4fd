"""Reviewer: the Voila dashboard loads with no code visible, a filter changes the heat map and the
counts, the XLSX download holds the filtered participants; axe-core finds no serious or critical
violation; the dashboard's text is Indonesian."""

from __future__ import annotations

import re

import openpyxl
import pytest
from browserkit import DESKTOP, english_words, run_axe, shoot, visible_text

from alaskaki.roster import read_roster
from alaskaki.workshop import Workshop

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TITLE = "Dasbor Kompetensi Peserta"
COUNT = re.compile(r"(\d+) peserta ditampilkan")


def _count(page) -> int:
    m = COUNT.search(page.locator("body").inner_text())
    assert m, "the dashboard shows no participant count"
    return int(m.group(1))


def _heatmap(page) -> str:
    return page.locator("#peta img").first.get_attribute("src")[-400:]


def test_dasbor_peninjau(graded, dashboard, page_factory, tmp_path):
    roster = read_roster(Workshop.open(graded).roster_path)
    page = page_factory(DESKTOP)
    page.goto(dashboard.url("/"))
    page.get_by_text(TITLE).first.wait_for(timeout=180_000)
    page.locator("#peta img").first.wait_for(timeout=60_000)

    # No code visible: no input cells, no editors, no Python source in the page text.
    assert page.locator(".jp-InputArea, .cm-editor, .CodeMirror, .jp-InputPrompt").count() == 0
    body = page.locator("body").inner_text()
    assert "import" not in body and "tampilkan()" not in body
    assert _count(page) == len(roster)
    shoot(page, "peninjau-dasbor", full_page=True)

    # A filter (kelurahan) changes the counts and the heat map.
    kelurahan = sorted({p.kelurahan for p in roster})[0]
    expected = sorted(p.id for p in roster if p.kelurahan == kelurahan)
    assert 0 < len(expected) < len(roster)
    before = _heatmap(page)
    page.locator(".widget-dropdown", has_text="Kelurahan").locator("select").select_option(
        label=kelurahan
    )
    page.wait_for_function(
        "([re, n]) => { const m = document.body.innerText.match(new RegExp(re));"
        " return m && Number(m[1]) === n; }",
        arg=[COUNT.pattern, len(expected)],
        timeout=60_000,
    )
    page.wait_for_function(
        "(old) => { const i = document.querySelector('#peta img');"
        " return i && i.src.slice(-400) !== old; }",
        arg=before,
        timeout=30_000,
    )
    shoot(page, f"peninjau-dasbor-{kelurahan}", full_page=True)

    # The XLSX download holds exactly the filtered participants (the link is made on request).
    prepare = page.locator("button", has_text=re.compile("unduh", re.I))
    if prepare.count():
        prepare.first.click()
    page.locator("a.alaskaki-unduh").wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        page.locator("a.alaskaki-unduh").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    wb = openpyxl.load_workbook(path, read_only=True)
    ids = sorted(row[0] for row in wb["peserta"].iter_rows(min_row=2, values_only=True) if row[0])
    assert ids == expected

    # Every page: no console errors but the offline Font Awesome request; Indonesian text; axe.
    assert not page.console_log.unexpected(), page.console_log.unexpected()
    found = english_words(visible_text(page.locator("body")))
    assert not found, f"English words on the dashboard: {found}"
    violations = run_axe(page)
    assert not violations, violations
