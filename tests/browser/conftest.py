"""Fixtures of the browser tests: one Chromium, one JupyterLab per session, fresh pages per test.

Helpers (server start/stop, screenshots, axe-core, the English-word check) live in browserkit.py.
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
from pathlib import Path

import pytest
from browserkit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    TRAINER_MODULE,
    VENV_BIN,
    ConsoleLog,
    lab_argv,
    need,
    root_flag,
    start_server,
    widget_modules,
    write_lab_settings,
)

from alaskaki import paths


@pytest.fixture(scope="session")
def browser():
    need(Path(CHROMIUM).is_file(), f"Chromium tidak ada di {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is in the test extra
        need(False, "Python playwright tidak terpasang")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page_factory(browser, request):
    """New pages in a fresh context (Indonesian locale), each with a console log; closed after."""
    contexts = []

    def make(viewport=DESKTOP):
        ctx = browser.new_context(viewport=viewport, locale="id-ID", accept_downloads=True)
        contexts.append(ctx)
        page = ctx.new_page()
        log = ConsoleLog()
        log.attach(page)
        page.console_log = log
        return page

    yield make
    for ctx in contexts:
        with contextlib.suppress(Exception):
            ctx.close()


@pytest.fixture(scope="session")
def browser_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="session")
def released(browser_home) -> dict[str, Path]:
    """A workshop with every widget module released; participant copies in ``peserta/``."""
    from alaskaki.workshop import init_workshop, release_module

    mods = widget_modules()
    ws = init_workshop(
        browser_home / "lokakarya",
        roster=paths.dataset("contoh_peserta.csv"),
        name="Uji Peramban",
        modules=mods,
    )
    peserta = browser_home / "peserta"
    out = {}
    for modul in mods:
        rel = release_module(ws, modul)
        dest = peserta / modul
        shutil.copytree(rel.notebook.parent, dest, dirs_exist_ok=True)
        out[modul] = dest / f"{modul}.ipynb"
    return out


@pytest.fixture(scope="session")
def lab(browser, browser_home, released):
    """One JupyterLab (Bahasa Indonesia) for the whole session, on the participant's folder."""
    home = browser_home / "lab-home"
    home.mkdir(exist_ok=True)
    write_lab_settings(home / "settings")
    token = secrets.token_hex(16)
    root = browser_home / "peserta"
    server = start_server(
        "jupyterlab",
        lab_argv(root, token),
        home=home,
        cwd=root,
        ready_path="/api/status",
        token=token,
    )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def graded(browser, browser_home) -> Path:
    """A whole graded sample workshop (``alaskaki demo`` on the sample cohort) of the module with
    the manually graded rubric cells (m7) and the post-test whose items are, with those cells, the
    uji evidence of STR-01 (kompetensi.yml versi 2); shown by the formgrader and the dashboard."""
    from alaskaki.workshop import kit_modules
    from alaskaki.workshop.demo import run_demo

    need(
        TRAINER_MODULE in kit_modules(),
        f"modul {TRAINER_MODULE} belum ada di assignments/source",
    )
    res = run_demo(browser_home / "demo", modules=[TRAINER_MODULE, "asesmen-akhir"], progress=False)
    return res.workshop


@pytest.fixture(scope="session")
def formgrader(graded, browser_home):
    """A Jupyter server in the workshop folder (its nbgrader_config.py): the trainer's formgrader."""
    home = browser_home / "formgrader-home"
    home.mkdir(exist_ok=True)
    token = secrets.token_hex(16)
    server = start_server(
        "formgrader",
        [
            str(VENV_BIN / "jupyter"),
            "server",
            "--no-browser",
            "--ip=127.0.0.1",
            "--port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={graded}",
            *root_flag(),
        ],
        home=home,
        cwd=graded,
        ready_path="/api/status",
        token=token,
    )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def dashboard(graded, browser_home):
    """The reviewer's Voila dashboard on the graded workshop (the kit's own Voila command line)."""
    from alaskaki.report.dashboard import ENV, voila_command

    home = browser_home / "voila-home"
    home.mkdir(exist_ok=True)
    server = start_server(
        "voila",
        [a.replace("--port=0", "--port={port}") for a in voila_command(port=0)]
        + ["--Voila.ip=127.0.0.1"],
        home=home,
        cwd=home,
        ready_path="/voila/static/",
        token=None,
        env_extra={ENV: str(graded)},
        any_answer=True,
    )
    try:
        yield server
    finally:
        server.stop()
