"""The reviewer's dashboard in a real browser: Voila + Debian Chromium (playwright), kit framework.

Skips when Chromium or playwright is missing (fails instead under ALASKAKI_REQUIRE_ALL=1).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest

from alaskaki import paths
from alaskaki.competency import graded_cells
from alaskaki.competency.testing import M3, SAMPLE_PEOPLE, WorkshopBuilder
from alaskaki.report import dashboard

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = os.environ.get("ALASKAKI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ALLOWED_CONSOLE = re.compile(r"font-?awesome", re.I)  # Voila's CDN request fails offline


def _need(ok: bool, reason: str) -> None:
    if ok:
        return
    if os.environ.get("ALASKAKI_REQUIRE_ALL") == "1":
        pytest.fail(f"ALASKAKI_REQUIRE_ALL=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def workshop(tmp_path_factory) -> Path:
    """Six sample participants with the kit's real m3 grade ids, so the kit's framework applies."""
    ids = graded_cells(paths.SOURCE_DIR)[M3]
    wb = WorkshopBuilder(tmp_path_factory.mktemp("dasbor") / "lokakarya", name="Lokakarya Uji")
    wb.module(M3, ids, write_source=False)
    for pid, (nama, ikm, kel, jk, peran) in SAMPLE_PEOPLE.items():
        wb.participant(pid, nama=nama, ikm=ikm, kelurahan=kel, jenis_kelamin=jk, peran=peran)
    wb.submit("p01", M3, ids, timestamp="2026-01-12 10:00:00")
    wb.submit("p02", M3, dict.fromkeys(ids, 0), timestamp="2026-01-12 10:00:00")
    return wb.close()


@pytest.fixture(scope="module")
def voila(workshop, tmp_path_factory):
    home = tmp_path_factory.mktemp("voila-home")
    env = dict(os.environ)
    env.update(
        {
            dashboard.ENV: str(workshop),
            "HOME": str(home),
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTER_DATA_DIR": str(home / "data"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "MPLCONFIGDIR": str(home / "mpl"),
            "IPYTHONDIR": str(home / "ipython"),
        }
    )
    port = _free_port()
    log = home / "voila.log"
    with log.open("wb") as fh:
        proc = subprocess.Popen(
            dashboard.voila_command(port=port),
            env=env,
            cwd=home,
            stdout=fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(log.read_text(errors="replace")[-3000:])
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", port), timeout=2),
            ):
                break
            time.sleep(0.5)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def page(voila):
    _need(Path(CHROMIUM).is_file(), f"Chromium tidak ada di {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        _need(False, "Python playwright tidak terpasang")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        ctx = browser.new_context(
            viewport={"width": 1366, "height": 900}, locale="id-ID", accept_downloads=True
        )
        pg = ctx.new_page()
        pg.errors = []
        pg.on(
            "console",
            lambda m: (
                pg.errors.append(f"{m.text} @ {(m.location or {}).get('url', '')}")
                if m.type == "error"
                else None
            ),
        )
        pg.on("pageerror", lambda e: pg.errors.append(f"pageerror: {e}"))
        pg.goto(voila, timeout=180_000)
        pg.get_by_text("peserta ditampilkan").wait_for(timeout=180_000)
        yield pg
        browser.close()


def _select(page, label: str, option: str) -> None:
    box = page.locator(".widget-dropdown", has=page.locator("label", has_text=label))
    box.locator("select").select_option(label=option)


def test_dashboard_shows_views_without_code(page):
    text = page.inner_text("body")
    assert "Dasbor Kompetensi Peserta" in text
    assert "6 peserta ditampilkan" in text
    assert "Rekap per unit" in text and "Peta status" in text
    assert "tampilkan()" not in text and "import" not in text  # no code visible
    assert page.locator("img[src^='data:image/png']").count() >= 8
    assert [e for e in page.errors if not ALLOWED_CONSOLE.search(e)] == []


def test_filters_change_the_view_and_the_download(page):
    _select(page, "IKM", "CV Sepatu Contoh")
    page.get_by_text("3 peserta ditampilkan").wait_for(timeout=60_000)
    _select(page, "Jenis kelamin", "Perempuan")
    page.get_by_text("2 peserta ditampilkan").wait_for(timeout=60_000)
    page.get_by_role("button", name="Siapkan unduhan XLSX").click()
    page.locator("a.alaskaki-unduh").wait_for(timeout=120_000)
    with page.expect_download(timeout=60_000) as dl:
        page.locator("a.alaskaki-unduh").click()
    data = Path(dl.value.path()).read_bytes()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ids = sorted(r[0] for r in wb["peserta"].iter_rows(min_row=2, values_only=True))
    assert ids == ["p01", "p05"]
    assert dl.value.suggested_filename.endswith(".xlsx")
