"""Participant in JupyterLab (Bahasa Indonesia): one test per module that uses a kit widget.

Open the released module, Run All, use the widget (slider / option / text) and see its result and
chart change, answer the first exercise, run its self-check and read the Indonesian feedback, then
press nbgrader's Validate.
"""

from __future__ import annotations

import contextlib
import json
import re
import urllib.parse

import nbformat
import pytest
from browserkit import (
    DESKTOP,
    english_words,
    incoterm_names,
    lab_translation,
    need,
    run_axe,
    shoot,
    visible_text,
    widget_modules,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from alaskaki import paths

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MODULES = widget_modules()
PARTICIPANT = "p01"

RUN_MENU = re.compile(r"^\s*(Run|Jalankan|Menjalankan)\s*$")
CELLS = ".jp-NotebookPanel .jp-Notebook .jp-Cell"
IDLE = '.jp-Notebook-ExecutionIndicator[data-status="idle"]'


def _nbg(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


def _strip_markers(src: str) -> str:
    return "\n".join(
        line
        for line in src.splitlines()
        if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")
    )


def _plan(modul: str, released_path) -> dict:
    """Indices of the cells the participant touches, read from the notebooks themselves."""
    source = nbformat.read(paths.SOURCE_DIR / modul / f"{modul}.ipynb", as_version=4)
    rel = nbformat.read(released_path, as_version=4)
    solutions = {_nbg(c).get("grade_id"): c.source for c in source.cells if _nbg(c).get("solution")}
    plan: dict = {"n": len(rel.cells)}
    for i, cell in enumerate(rel.cells):
        meta = _nbg(cell)
        if cell.cell_type != "code":
            continue
        if "id" not in plan and "isi-id-anda" in cell.source:
            plan["id"] = i
            plan["id_source"] = cell.source.replace('"isi-id-anda"', json.dumps(PARTICIPANT))
        elif "widget" not in plan and "alaskaki.widgets" in cell.source:
            plan["widget"] = i
        elif (
            "answer" not in plan
            and meta.get("solution")
            and not meta.get("grade")
            and "id" in plan
            and re.search(r"^\w+ = None\b", cell.source, re.M)
        ):
            plan["answer"] = i
            plan["answer_source"] = _strip_markers(solutions[meta["grade_id"]])
        elif "answer" in plan and "check" not in plan and "cek_" in cell.source:
            plan["check"] = i
    return plan


def _cell(page, i):
    return page.locator(CELLS).nth(i)


def _type_into_cell(page, i: int, text: str) -> None:
    cell = _cell(page, i)
    cell.scroll_into_view_if_needed()
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
    page.wait_for_function(
        "([el, want]) => el.innerText.replace(/\\s+/g, ' ').trim() === want",
        arg=[editor.element_handle(), " ".join(text.split())],
        timeout=30_000,
    )


def _prompt(page, i: int) -> str:
    return _cell(page, i).locator(".jp-InputPrompt").inner_text().strip()


def _run_cell(page, i: int, timeout=60_000) -> None:
    """Run code cell ``i`` with Ctrl+Enter and wait for its new execution count."""
    old = _prompt(page, i)
    cell = _cell(page, i)
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+Enter")
    page.wait_for_function(
        "([el, old]) => { const t = el.querySelector('.jp-InputPrompt').innerText.trim();"
        " return /\\[\\d+\\]/.test(t) && t !== old; }",
        arg=[cell.element_handle(), old],
        timeout=timeout,
    )


RUN_ALL_DONE = """
(sel) => {
  const prompts = Array.from(document.querySelectorAll(sel + '.jp-CodeCell .jp-InputPrompt'))
                       .map(p => p.innerText.trim());
  if (prompts.some(t => t.includes('*'))) return false;
  const numbered = prompts.filter(t => /\\[\\d+\\]/.test(t)).length;
  const error = document.querySelector(sel + ' [data-mime-type="application/vnd.jupyter.stderr"]');
  return numbered === prompts.length || (numbered > 0 && error !== null);
}
"""


def _wait_executed(page, i: int, timeout=60_000) -> None:
    """Wait until code cell ``i`` shows an execution count (not [ ] or [*])."""
    page.wait_for_function(
        "(el) => /\\[\\d+\\]/.test(el.querySelector('.jp-InputPrompt').innerText)",
        arg=_cell(page, i).element_handle(),
        timeout=timeout,
    )


def _output_text(page, i: int) -> str:
    return _cell(page, i).locator(".jp-OutputArea").inner_text()


def _widget_state(widget) -> dict:
    return widget.evaluate(
        """(w) => ({
            text: Array.from(w.querySelectorAll('.widget-html-content'))
                       .map(e => e.innerText).join('\\n'),
            imgs: Array.from(w.querySelectorAll('img')).map(e => e.src.length + ':' + e.src.slice(-400) + ':' + e.src.slice(200, 1200)),
        })"""
    )


def _use_widget(page, widget) -> list[str]:
    """Move a slider, pick another option, type into a text box — in that order, until the
    widget's result text has changed and, when it draws a chart, the chart has changed too.
    Returns what was done."""
    start = _widget_state(widget)
    sliders = widget.locator(".widget-slider .noUi-handle")
    selects = widget.locator(".widget-dropdown select")
    texts = widget.locator(".widget-textarea textarea:not([disabled])")

    def move_slider():
        readout = widget.locator(".widget-slider .widget-readout").first
        old = readout.inner_text()
        sliders.first.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "([el, old]) => el.innerText !== old",
            arg=[readout.element_handle(), old],
            timeout=30_000,
        )
        return f"slider {old} → {readout.inner_text()}"

    def pick_option():
        sel = selects.first
        options = sel.locator("option").all_inner_texts()
        current = sel.evaluate("s => s.options[s.selectedIndex].text")
        other = next(o for o in options if o != current)
        sel.select_option(label=other)
        return f"option {current} → {other}"

    def type_text():
        box = texts.first
        box.click()
        page.keyboard.press("Control+End")
        page.keyboard.insert_text("\nPoin baru dari uji peramban")
        box.blur()
        return "text typed"

    actions = [
        act
        for act, loc in ((move_slider, sliders), (pick_option, selects), (type_text, texts))
        if loc.count()
    ]
    assert actions, "the widget has no slider, option or text box to use"
    done = []
    for act in actions:
        before = _widget_state(widget)
        done.append(act())
        page.wait_for_function(
            "([w, old]) => {"
            "  const text = Array.from(w.querySelectorAll('.widget-html-content'))"
            "                    .map(e => e.innerText).join('\\n');"
            "  const imgs = Array.from(w.querySelectorAll('img'))"
            "                  .map(e => e.src.length + ':' + e.src.slice(-400) + ':' + e.src.slice(200, 1200));"
            "  return text !== old.text || JSON.stringify(imgs) !== JSON.stringify(old.imgs); }",
            arg=[widget.element_handle(), before],
            timeout=60_000,
        )
        page.wait_for_timeout(500)  # a chart is redrawn right after the text
        now = _widget_state(widget)
        if now["text"] != start["text"] and (not start["imgs"] or now["imgs"] != start["imgs"]):
            break
    if start["imgs"] and _widget_state(widget)["imgs"] == start["imgs"]:
        # under load the chart is redrawn well after the text: give it time before judging
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(
                "([w, old]) => JSON.stringify(Array.from(w.querySelectorAll('img'))"
                "  .map(e => e.src.length + ':' + e.src.slice(-400) + ':' + e.src.slice(200, 1200)))"
                "  !== JSON.stringify(old)",
                arg=[widget.element_handle(), start["imgs"]],
                timeout=60_000,
            )
    now = _widget_state(widget)
    assert now["text"] != start["text"], f"result unchanged after {done}"
    if start["imgs"]:
        assert now["imgs"] != start["imgs"], f"chart unchanged after {done}"
    return done


@pytest.mark.parametrize("modul", MODULES or ["(tidak ada modul)"])
def test_peserta_menjalankan_modul(modul, lab, released, page_factory):
    need(bool(MODULES), "belum ada modul dengan widget di assignments/source")
    plan = _plan(modul, released[modul])
    assert {"id", "widget", "answer", "check"} <= plan.keys(), plan
    page = page_factory(DESKTOP)
    path = urllib.parse.quote(f"{modul}/{modul}.ipynb")
    page.goto(lab.url(f"/lab/workspaces/uji-{modul}/tree/{path}?reset"))
    page.wait_for_selector(CELLS, timeout=90_000)
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length === n",
        arg=[CELLS, plan["n"]],
        timeout=60_000,
    )
    page.wait_for_selector(IDLE, timeout=90_000)

    # 1. The participant writes their id, then Run All from the Run menu, whose items JupyterLab
    #    shows in Bahasa Indonesia (the language pack's own words, e.g. "Menjalakan Semua Sel").
    _type_into_cell(page, plan["id"], plan["id_source"])
    page.locator(".lm-MenuBar-item", has_text=RUN_MENU).first.click()
    run_all = page.locator('.lm-Menu-item[data-command="runmenu:run-all"]')
    label = run_all.locator(".lm-Menu-itemLabel").inner_text().strip()
    assert label == lab_translation("Run All Cells"), label
    run_all.click()
    page.wait_for_function(RUN_ALL_DONE, arg=CELLS, timeout=180_000)
    # Run All stops, if anywhere, at a test cell whose exercise is still blank, and says so in
    # Indonesian; nothing else may fail.
    stderr = page.locator(
        CELLS + ' .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
    ).all_inner_texts()
    unexpected = [t for t in stderr if "Error" in t and "belum diisi" not in t]
    assert not unexpected, unexpected[:2]
    assert re.fullmatch(r"\[\d+\]:", _prompt(page, plan["check"])), "Run All stopped too early"
    check_before = _output_text(page, plan["check"])
    assert "❌" in check_before and re.search(r"belum diisi|kosong", check_before), check_before
    shoot(page, f"peserta-{modul}-jalankan-semua")

    # 2. Answer the first exercise and run its self-check: kind Indonesian feedback.
    _type_into_cell(page, plan["answer"], plan["answer_source"])
    _run_cell(page, plan["answer"])
    _run_cell(page, plan["check"])
    feedback = _output_text(page, plan["check"])
    assert "✅" in feedback and "Benar" in feedback, feedback
    shoot(page, f"peserta-{modul}-cek")

    # 3. The widget renders (run its cell when Run All stopped before it), and moving a control
    #    changes its result and its chart.
    if not re.fullmatch(r"\[\d+\]:", _prompt(page, plan["widget"])):
        _run_cell(page, plan["widget"])
    widget = _cell(page, plan["widget"]).locator(".jp-OutputArea-output .jupyter-widgets").first
    widget.wait_for(state="visible", timeout=30_000)
    widget.scroll_into_view_if_needed()
    done = _use_widget(page, widget)
    assert done
    shown = widget.locator("img") if widget.locator("img").count() else widget
    shown.last.scroll_into_view_if_needed()
    shoot(page, f"peserta-{modul}-widget-diubah")
    found = english_words(visible_text(widget), incoterm_names())
    assert not found, f"English words in the widget: {found}"

    # 4. nbgrader's Validate (saves, then runs the notebook on the server).
    page.locator(".validate-button button, .validate-button jp-button").first.click()
    message = page.locator("#validation-message")
    message.wait_for(state="visible", timeout=180_000)
    result = message.inner_text()
    assert "error running the validate command" not in result, result
    assert message.evaluate(
        "m => ['validation-success', 'validation-passed', 'validation-failed']"
        ".some(c => m.classList.contains(c))"
    ), result
    shoot(page, f"peserta-{modul}-validasi")
    page.keyboard.press("Escape")

    # 5. No console errors; what the kit itself prints (the participant's numbers, the self-check,
    #    the blank-answer message) has no English UI words. Lesson text is the authors' to check:
    #    it rightly quotes JupyterLab's English menu names.
    assert not page.console_log.unexpected(), page.console_log.unexpected()
    kit_text = "\n".join(
        visible_text(_cell(page, i).locator(".jp-OutputArea")) for i in (plan["id"], plan["check"])
    ) + "\n".join(t.splitlines()[-1] for t in stderr if t.strip())
    found = english_words(kit_text, incoterm_names())
    assert not found, f"English words in the kit's messages: {found}"
    if modul == MODULES[0]:
        # Accessibility of what the kit puts on the page (lesson text, outputs, widgets);
        # JupyterLab's own chrome is upstream's.
        violations = run_axe(page, [".jp-MarkdownOutput", ".jp-OutputArea"])
        assert not violations, violations
    _shutdown_kernels(lab)


def _shutdown_kernels(lab) -> None:
    for sess in lab.api("GET", "/api/sessions") or []:
        lab.api("DELETE", f"/api/sessions/{sess['id']}")
