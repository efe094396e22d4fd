"""Helpers of the browser tests: real JupyterLab / formgrader / Voila servers on free localhost ports, driven by
Debian's Chromium through Python playwright (never ``playwright install``; see ../shared/STACK.md).

Every server runs with HOME, JUPYTER_* and the JupyterLab settings in a temporary folder, is shared
per session where it can be, and is stopped at the end. Screenshots land in
``artifacts/screenshots/`` (gitignored; CI keeps the folder).

Missing parts (Chromium, playwright, axe-core) skip the tests with a reason, except when
``ALASKAKI_REQUIRE_ALL=1`` (set by ``.ci/run``): then they fail.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from partskit import check_part, free_port

from alaskaki import paths

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
SCREENSHOTS = paths.KIT_ROOT / "artifacts" / "screenshots"
AXE_JS = paths.KIT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
VENV_BIN = Path(sys.executable).parent

DESKTOP = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1366, "height": 768}

# The one console error a page may show: Voila asks a CDN for Font Awesome; offline it fails.
ALLOWED_CONSOLE = [re.compile(r"font-?awesome", re.I)]


need = check_part  # skip, or under ALASKAKI_REQUIRE_ALL=1 fail (tests/partskit.py)


# --- servers --------------------------------------------------------------------------------


@dataclass
class Server:
    """A Jupyter server process on localhost; ``url(path)`` adds the token."""

    name: str
    port: int
    token: str
    proc: subprocess.Popen
    log: Path
    base: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        sep = "&" if "?" in path else "?"
        return (
            f"{self.root_url}{path}{sep}token={self.token}" if self.token else self.root_url + path
        )

    def api(self, method: str, path: str, body: dict | None = None):
        req = urllib.request.Request(
            self.root_url + path,
            method=method,
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=30) as resp:
            data = resp.read()
        return json.loads(data) if data else None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)


def jupyter_env(home: Path) -> dict[str, str]:
    """Environment of a server: everything Jupyter writes goes under ``home``."""
    env = dict(os.environ)
    for sub in ("config", "data", "runtime", "settings", "workspaces", "mpl", "ipython"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env.update(
        HOME=str(home),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
        MPLCONFIGDIR=str(home / "mpl"),
        IPYTHONDIR=str(home / "ipython"),
        PATH=str(VENV_BIN) + os.pathsep + os.environ.get("PATH", ""),
        PYTHONUNBUFFERED="1",
    )
    # The kernel must pick matplotlib's inline backend, as on a participant's machine.
    env.pop("MPLBACKEND", None)
    env.pop("JUPYTERHUB_USER", None)
    return env


def write_lab_settings(settings_dir: Path) -> None:
    """The participant's JupyterLab: Bahasa Indonesia, no news pop-up, every cell in the DOM."""
    settings = {
        "@jupyterlab/translation-extension/plugin": {"locale": "id_ID"},
        "@jupyterlab/apputils-extension/notification": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    }
    for plugin, values in settings.items():
        ext, name = plugin.rsplit("/", 1)
        path = settings_dir / ext / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def start_server(
    name: str,
    argv: list[str],
    *,
    home: Path,
    cwd: Path,
    ready_path: str,
    token: str | None,
    env_extra: dict | None = None,
    timeout: float = 90,
    any_answer: bool = False,
) -> Server:
    """Start ``argv`` ({port} is filled in) and wait until ``ready_path`` answers 200 (or, with
    ``any_answer``, answers at all)."""
    port = free_port()
    env = jupyter_env(home)
    env.update(env_extra or {})
    log = home / f"{name}.log"
    fh = log.open("wb")
    argv = [a.replace("{port}", str(port)) for a in argv]
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
    )
    server = Server(name, port, token or "", proc, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} stopped at start-up:\n{server.log_text()}")
        try:
            with urllib.request.urlopen(server.url(ready_path), timeout=5) as resp:
                if resp.status == 200:
                    return server
        except urllib.error.HTTPError:
            if any_answer:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"{name} did not answer within {timeout:.0f} s:\n{server.log_text()}")


def root_flag() -> list[str]:
    return ["--allow-root"] if os.geteuid() == 0 else []


def lab_argv(root_dir: Path, token: str) -> list[str]:
    return [
        str(VENV_BIN / "jupyter"),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        "--port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--ServerApp.disable_check_xsrf=False",
        "--LabApp.news_url=",
        *root_flag(),
    ]


# --- the browser ----------------------------------------------------------------------------


class ConsoleLog:
    """Console errors and uncaught page errors, minus the one allowed offline font request."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def attach(self, page) -> None:
        def on_console(msg):
            if msg.type == "error":
                loc = msg.location or {}
                self.errors.append(f"{msg.text} @ {loc.get('url', '')}")

        page.on("console", on_console)
        page.on("pageerror", lambda err: self.errors.append(f"pageerror: {err}"))
        page.on(
            "requestfailed",
            lambda req: self.errors.append(f"requestfailed: {req.url} {req.failure}"),
        )

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in ALLOWED_CONSOLE)]


def shoot(page, name: str, *, full_page: bool = False) -> list[Path]:
    """Screenshots of the page at desktop width and at 1366×768; returns the files."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)
    before = page.viewport_size
    out = []
    for label, vp in (("desktop", DESKTOP), ("1366x768", LAPTOP)):
        page.set_viewport_size(vp)
        page.wait_for_timeout(300)
        path = SCREENSHOTS / f"{safe}-{label}.png"
        page.screenshot(path=str(path), full_page=full_page)
        out.append(path)
    if before:
        page.set_viewport_size(before)
    return out


# Known upstream finding, not the kit's: ipywidgets draws sliders with noUiSlider and gives the
# handle (role=slider) no accessible name (leongersen/noUiSlider#1223); the visible label is a
# separate element the kit cannot link. Only that rule on that element is waived.
AXE_WAIVED = {("aria-input-field-name", "noUi-handle")}


def _waived(rule: str, html: str) -> bool:
    return any(rule == r and marker in html for r, marker in AXE_WAIVED)


def run_axe(page, include: list[str] | None = None) -> list[dict]:
    """Inject axe-core and return the serious and critical violations inside ``include``
    (CSS selectors; the whole page when None), minus the waived upstream ones."""
    need(AXE_JS.is_file(), f"axe-core tidak ada ({AXE_JS}); jalankan `npm install axe-core@4`")
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    context = {"include": [[sel] for sel in include]} if include else None
    result = page.evaluate(
        "async (ctx) => await axe.run(ctx || document, {resultTypes: ['violations']})", context
    )
    out = []
    for v in result["violations"]:
        if v.get("impact") not in ("serious", "critical"):
            continue
        nodes = [n for n in v["nodes"] if not _waived(v["id"], n["html"])]
        if nodes:
            out.append(
                {
                    "id": v["id"],
                    "impact": v["impact"],
                    "help": v["help"],
                    "nodes": [(n["target"], n["html"][:200]) for n in nodes[:5]],
                }
            )
    return out


# --- English left in the kit's own UI -------------------------------------------------------

# Function words of English UI text; none of them is an Indonesian word. Italic text (<i>, <em>)
# is the kit's convention for English trade terms with a gloss and is left out of the check.
ENGLISH_WORDS = {
    "the", "and", "of", "is", "are", "with", "please", "click", "select", "choose", "error",
    "warning", "loading", "submit", "result", "results", "value", "values", "your",
    "this", "that", "not", "found", "invalid", "price", "cost", "show", "hide",
}  # fmt: skip


def english_words(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """English UI words in ``text`` with their context (after removing ``allowed`` phrases such as
    the Incoterm rule names). Web addresses are left out."""
    text = text.replace("\xa0", " ")
    text = re.sub(r"\S*(?:https?://|www\.|[a-z]\.[a-z])\S*", " ", text)
    # A short English gloss in brackets after the Indonesian word, e.g. "konosemen (bill of
    # lading, B/L)", follows the kit's convention where italics are impossible (table cells).
    text = re.sub(r"\([^()]{1,40}\)", " ", text)
    for phrase in sorted(allowed, key=len, reverse=True):
        text = text.replace(phrase, " ")
    return [
        f"{m.group(0)!r} in …{text[max(0, m.start() - 50) : m.end() + 30]}…".replace("\n", " ⏎ ")
        for m in re.finditer(r"[A-Za-z]+", text)
        if m.group(0).lower() in ENGLISH_WORDS
    ]


def incoterm_names() -> tuple[str, ...]:
    """The official English names of the Incoterms 2020 rules (trade terms, kept in English)."""
    from alaskaki.domain import incoterms

    return tuple(r.name_en for r in incoterms.RULES.values())


VISIBLE_TEXT_JS = """
(root) => {
  const clone = root.cloneNode(true);
  // Left out: italic glosses, code, tracebacks (they quote code) and JupyterLab's own footer.
  clone.querySelectorAll('i, em, code, .cm-editor, script, style, .jp-Notebook-footer, '
                         + '[data-mime-type="application/vnd.jupyter.stderr"]')
       .forEach(e => e.remove());
  return clone.innerText || clone.textContent || '';
}
"""


def visible_text(locator) -> str:
    """Text of an element without italic glosses and code."""
    return locator.evaluate(VISIBLE_TEXT_JS)


# --- the workshop the servers show ----------------------------------------------------------


def widget_modules() -> list[str]:
    """Kit modules whose notebook uses one of the kit's widgets."""
    from alaskaki.workshop import kit_modules

    out = []
    for modul in kit_modules():
        text = (paths.SOURCE_DIR / modul / f"{modul}.ipynb").read_text(encoding="utf-8")
        if "alaskaki.widgets" in text:
            out.append(modul)
    return out


def lab_translation(msgid: str) -> str:
    """JupyterLab's Indonesian for ``msgid``, as the installed language pack has it."""
    import jupyterlab_language_pack_id_ID as pack

    catalog = Path(pack.__file__).parent / "locale" / "id_ID" / "LC_MESSAGES" / "jupyterlab.json"
    data = json.loads(catalog.read_text(encoding="utf-8"))
    return data[msgid][0]


#: The module with manually graded rubric cells the trainer scores in the formgrader.
TRAINER_MODULE = "m7a-daya-saing"
