"""The reviewer's Voila dashboard (``grading/dasbor.ipynb``): helpers so the notebook is two lines.

The workshop folders come from ``ALASKAKI_WORKSHOPS`` (folders separated by ``os.pathsep``,
``:`` on Linux). The dashboard shows the same views as the cohort report, filtered by workshop,
IKM, kelurahan, gender, role and unit, with a download of the current view as XLSX.

With one workshop chosen, its own gradebook is assessed (as :func:`~alaskaki.competency.assess`);
with "Semua lokakarya", the workshops are merged by participant id (as
:func:`~alaskaki.competency.merge_history`) under the kit's ``grading/kompetensi.yml``; a workshop
made before a module split counts through the framework it pinned.
The XLSX of the current view is built on request (a button), as it takes a while for
thousands of participants.

    from alaskaki.report.dashboard import tampilkan
    tampilkan()
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import secrets
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from alaskaki import paths
from alaskaki.competency import CohortResult, load_framework
from alaskaki.competency.engine import read_workshop, result_of, workshop_framework
from alaskaki.competency.history import merge_data
from alaskaki.errors import EXIT_NOT_FOUND, AlaskakiError
from alaskaki.folder import Folder

from . import html as html_mod
from . import xlsx as xlsx_mod
from .reviewer import Reviewer, load_reviewer
from .views import ANONIM_K, GENDER, all_views, anonymise, filter_result

ENV = "ALASKAKI_WORKSHOPS"
NOTEBOOK = paths.GRADING_DIR / "dasbor.ipynb"
SEMUA = "Semua"
SEMUA_LOKAKARYA = "Semua lokakarya"
VOILA_DENYLIST = ("@jupyter/nbgrader", "@jupyter-notebook/lab-extension")

DASHBOARD_CSS = """
<style>
.alaskaki-dasbor { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #222; }
.alaskaki-dasbor table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 4pt 0 10pt 0; }
.alaskaki-dasbor th, .alaskaki-dasbor td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; }
.alaskaki-dasbor th { background: #eee; } .alaskaki-dasbor td.n { text-align: right; }
.alaskaki-dasbor td.k { background: #c7e9c0; } .alaskaki-dasbor td.bk { background: #fcbba1; }
.alaskaki-dasbor td.bd { background: #eeeeee; } .alaskaki-dasbor td.bab { color: #888; }
.alaskaki-dasbor img { max-width: 100%; height: auto; } .alaskaki-dasbor .catatan { color: #555; font-size: 8.5pt; }
.alaskaki-dasbor h2 { font-size: 13pt; border-bottom: 1px solid #999; }
</style>
"""


def workshop_dirs(value: str | None = None) -> list[Path]:
    """Folders named in ``value`` or ``$ALASKAKI_WORKSHOPS`` (``os.pathsep``-separated)."""
    raw = value if value is not None else os.environ.get(ENV, "")
    dirs = [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]
    if not dirs:
        raise AlaskakiError(
            f"Belum ada folder lokakarya. Setel {ENV} ke folder lokakarya "
            f"(beberapa folder dipisah '{os.pathsep}'), atau jalankan 'alaskaki dashboard FOLDER'.",
            exit_code=EXIT_NOT_FOUND,
        )
    missing = [str(d) for d in dirs if not d.is_dir()]
    if missing:
        raise AlaskakiError(
            f"Folder lokakarya tidak ditemukan: {', '.join(missing)}", exit_code=EXIT_NOT_FOUND
        )
    return dirs


@dataclass
class Data:
    """Results per workshop and merged, computed once when the dashboard opens."""

    per_workshop: dict[str, CohortResult]
    merged: CohortResult
    reviewer: Reviewer = field(default_factory=Reviewer)
    folders: dict[str, Path] = field(default_factory=dict)  # workshop name -> its folder
    _keys: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, dirs: list[Path] | None = None, *, framework=None, reviewer=None) -> Data:
        dirs = dirs if dirs is not None else workshop_dirs()
        datas = [read_workshop(d) for d in dirs]  # each gradebook is read once
        fw = framework if framework is not None else load_framework()
        # each workshop by the framework it pinned (as `alaskaki report` does): a workshop made
        # before a module split keeps its old grade ids (trainer team T14)
        own = [framework or workshop_framework(path) for path in dirs]
        per = {d.info.nama: result_of(d, f) for d, f in zip(datas, own, strict=True)}
        # merged: by grade id under the kit's framework, and a workshop with older ids through
        # its own framework, criterion by criterion (trainer team T14)
        merged = next(iter(per.values())) if len(per) == 1 else merge_data(datas, fw, own=own)
        folders = {d.info.nama: Path(path) for d, path in zip(datas, dirs, strict=True)}
        return cls(
            per_workshop=per, merged=merged, reviewer=load_reviewer(reviewer), folders=folders
        )

    @property
    def workshops(self) -> list[str]:
        return list(self.per_workshop)

    def pseudonym_key(self, lokakarya: str | None) -> str:
        """The key of the anonymous view's pseudonyms: the reviewer's ``anonim_kunci`` when set;
        else the workshop's own secret (the same pseudonyms as its ``report --anonim`` files), all
        the workshops' secrets together for "Semua lokakarya"; a workshop whose secret cannot be
        read or made (another account's folder, a read-only disk) gets a key for this session only.
        Never empty: an empty key lets anyone with the ids recompute the pseudonyms."""
        if self.reviewer.anonim_kunci:
            return self.reviewer.anonim_kunci
        every = lokakarya in (None, SEMUA, SEMUA_LOKAKARYA)
        names = sorted(self.folders) if every else [lokakarya]
        for name in names or [""]:
            if name not in self._keys:
                try:
                    self._keys[name] = Folder(self.folders[name]).pseudonym_secret()
                except (AlaskakiError, KeyError):  # unreadable, read-only, or no folder known
                    self._keys[name] = secrets.token_hex(16)
        if len(names) <= 1:
            return self._keys[names[0] if names else ""]
        joined = "\n".join(self._keys[n] for n in names)
        return hashlib.sha256(b"alaskaki-samaran:" + joined.encode()).hexdigest()

    def base(self, lokakarya: str | None) -> CohortResult:
        if lokakarya in (None, SEMUA, SEMUA_LOKAKARYA):
            return self.merged
        return self.per_workshop[lokakarya]


def options(result: CohortResult) -> dict[str, list[tuple[str, str | None]]]:
    """Dropdown choices ``(label, value)`` for each filter, from the data itself."""

    def values(attr: str) -> list[tuple[str, str | None]]:
        found = sorted({getattr(p, attr) for p in result.participants if getattr(p, attr)})
        label = (lambda v: GENDER.get(v, v)) if attr == "jenis_kelamin" else (lambda v: v)
        return [(SEMUA, "")] + [(label(v), v) for v in found]

    return {
        "ikm": values("ikm"),
        "kelurahan": values("kelurahan"),
        "jenis_kelamin": values("jenis_kelamin"),
        "peran": values("peran"),
        "unit": [(SEMUA, "")] + [(f"{u.kode} {u.judul}", u.kode) for u in result.units],
    }


def select(
    data: Data, *, lokakarya=None, anonim: bool = False, anonim_k: int = ANONIM_K, **filters
) -> CohortResult:
    """The current view: a workshop (or all), then the attribute and unit filters.

    An anonymous view is k-anonymous like the anonymous report files; a view narrowed to fewer
    than ``anonim_k`` participants is refused (AlaskakiError), since the filter itself would
    point at them.
    """
    result = filter_result(data.base(lokakarya), **{k: v for k, v in filters.items() if v})
    if anonim:
        result = anonymise(result, key=data.pseudonym_key(lokakarya), k=anonim_k)
    return result


def xlsx_bytes(
    result: CohortResult, reviewer: Reviewer | None = None, *, anonim: bool = False
) -> bytes:
    """The XLSX workbook of ``result`` as bytes (for the download link)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "laporan.xlsx"
        xlsx_mod.write(result, all_views(result), reviewer or Reviewer(), path, anonim=anonim)
        return path.read_bytes()


def download_link(
    result: CohortResult,
    reviewer: Reviewer | None = None,
    *,
    anonim: bool = False,
    filename: str = "laporan-kompetensi.xlsx",
) -> str:
    """An HTML link that downloads the current view as XLSX (a data: URL: no server round trip)."""
    data = base64.b64encode(xlsx_bytes(result, reviewer, anonim=anonim)).decode("ascii")
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return (
        f'<a class="alaskaki-unduh" download="{html.escape(filename)}" href="data:{mime};base64,{data}">'
        f"⬇ Unduh tampilan ini sebagai XLSX ({len(result.participants)} peserta)</a>"
    )


def view_html(
    result: CohortResult, reviewer: Reviewer | None = None, *, anonim: bool = False
) -> str:
    """The report's sections for the dashboard (same views and charts as the HTML report)."""
    if not result.participants:
        return '<div class="alaskaki-dasbor"><p>Tidak ada peserta yang cocok dengan pilihan ini.</p></div>'
    body = html_mod.body(
        result, all_views(result), reviewer or Reviewer(), anonim=anonim, max_rows=200, header=False
    )
    return f'{DASHBOARD_CSS}<div class="alaskaki-dasbor">{body}</div>'


def build(dirs: list[Path] | None = None, *, framework=None, reviewer=None):
    """The dashboard widget: filters on top, the download link, then the views."""
    import ipywidgets as w

    try:
        data = Data.load(dirs, framework=framework, reviewer=reviewer)
    except AlaskakiError as err:
        return w.HTML(f"<p><b>Dasbor belum dapat dibuka.</b> {html.escape(str(err))}</p>")

    layout = w.Layout(width="auto")
    style = {"description_width": "initial"}
    lokakarya = w.Dropdown(
        options=([SEMUA_LOKAKARYA] if len(data.workshops) > 1 else []) + data.workshops,
        description="Lokakarya",
        style=style,
        layout=layout,
    )
    dropdowns = {
        "ikm": w.Dropdown(description="IKM", style=style, layout=layout),
        "kelurahan": w.Dropdown(description="Kelurahan", style=style, layout=layout),
        "jenis_kelamin": w.Dropdown(description="Jenis kelamin", style=style, layout=layout),
        "peran": w.Dropdown(description="Peran", style=style, layout=layout),
        "unit": w.Dropdown(description="Unit", style=style, layout=layout),
    }
    anonim = w.Checkbox(description="Anonim (sembunyikan nama)", value=False, style=style)
    info = w.HTML()
    unduh = w.Button(
        description="Siapkan unduhan XLSX", icon="download", layout=w.Layout(width="auto")
    )
    download = w.HTML()
    current: dict = {}
    content = w.HTML()
    busy = {"on": False}

    def fill_options() -> None:
        opts = options(data.base(lokakarya.value))
        busy["on"] = True
        for key, dd in dropdowns.items():
            old = dd.value
            dd.options = opts[key]
            dd.value = old if old in [v for _, v in opts[key]] else ""
        busy["on"] = False

    def refresh(*_args) -> None:
        if busy["on"]:
            return
        try:
            result = select(
                data,
                lokakarya=lokakarya.value,
                anonim=anonim.value,
                **{k: d.value for k, d in dropdowns.items()},
            )
        except AlaskakiError as err:  # anonymous view of too few participants
            current["result"] = None
            download.value = ""
            info.value = ""
            content.value = f'<div class="alaskaki-dasbor"><p>{html.escape(str(err))}</p></div>'
            return
        info.value = "<i>Memuat tampilan…</i>"
        current["result"] = result
        download.value = ""
        content.value = view_html(result, data.reviewer, anonim=anonim.value)
        # last, so that the count on screen always belongs to the views and the download below it
        info.value = f"<b>{len(result.participants)}</b> peserta ditampilkan. Laporan dibuat {html.escape(result.dibuat[:16].replace('T', ' '))} UTC."

    def on_download(_button) -> None:
        if current.get("result") is None:
            download.value = ""
            return
        download.value = "<i>Menyiapkan berkas…</i>"
        download.value = download_link(current["result"], data.reviewer, anonim=anonim.value)

    def on_workshop(_change) -> None:
        fill_options()
        refresh()

    fill_options()
    lokakarya.observe(on_workshop, names="value")
    for dd in dropdowns.values():
        dd.observe(refresh, names="value")
    anonim.observe(refresh, names="value")
    unduh.on_click(on_download)
    refresh()
    title = w.HTML(
        "<h1 style='font-size:18pt'>Dasbor Kompetensi Peserta</h1>"
        + "".join(f"<p>{html.escape(x)}</p>" for x in data.reviewer.header_lines)
    )
    filters = w.GridBox(
        [lokakarya, *dropdowns.values(), anonim],
        layout=w.Layout(grid_template_columns="repeat(3, minmax(220px, 1fr))", grid_gap="4px 12px"),
    )
    box = w.VBox([title, filters, info, w.HBox([unduh, download]), content])
    # for tests and scripting
    box.controls = {"lokakarya": lokakarya, "anonim": anonim, "unduh": unduh, **dropdowns}
    box.outputs = {"info": info, "download": download, "content": content}
    return box


def tampilkan(dirs: list[Path] | None = None, **kw) -> None:
    """Display the dashboard in the running notebook (what ``grading/dasbor.ipynb`` calls)."""
    from IPython.display import display

    display(build(dirs, **kw))


def voila_command(
    *, port: int = 8866, open_browser: bool = False, notebook: Path = NOTEBOOK
) -> list[str]:
    """The Voila command line that serves the dashboard (flags from STACK.md)."""
    cmd = [str(Path(sys.executable).parent / "voila"), str(notebook), f"--port={port}"]
    if not open_browser:
        cmd.append("--no-browser")
    cmd += [f"--VoilaConfiguration.extension_denylist={x}" for x in VOILA_DENYLIST]
    return cmd


def serve(dirs: list[Path], *, port: int = 8866, open_browser: bool = True) -> int:
    """Run Voila on the dashboard for ``dirs`` until interrupted; returns Voila's exit code."""
    dirs = workshop_dirs(os.pathsep.join(str(Path(d).resolve()) for d in dirs))
    env = dict(os.environ)
    env[ENV] = os.pathsep.join(str(d) for d in dirs)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    print(f"Dasbor peninjau: http://localhost:{port}/  (hentikan dengan Ctrl+C)", flush=True)
    try:
        return subprocess.call(voila_command(port=port, open_browser=open_browser), env=env)
    except KeyboardInterrupt:
        return 0
