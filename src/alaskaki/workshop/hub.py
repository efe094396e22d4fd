"""A workshop server on JupyterHub: OS accounts from the roster, the exchange, permissions.

``alaskaki hub users`` (run with sudo on the server) calls :func:`create_users`:

* one Linux account per participant, named by the roster id (= nbgrader student id), with a
  generated password printed once for the trainer (never a shared default);
* the trainer's account (admin and grader), which owns the workshop folder;
* nbgrader's exchange (world-writable with the sticky bit, as nbgrader needs) named in the
  workshop's ``nbgrader_config.py``, with the course's folder in it made for the trainer before
  any participant can log in (nobody else can make it first: red team R74);
* permissions: the workshop folder (source with hidden tests, gradebook, submissions, feedback)
  and the trainer's side of the kit (:func:`trainer_only_paths`: the checkout with its git
  history, the trainer's venv, the key package) are closed to participants; every home is private.

At hub start (produksi) :func:`check_participant_reach` refuses a server where a participant's
account could still enter one of them; :func:`give_reference_notebooks` puts the glossary and the
reference sheet beside the module folders in each participant's home.

:func:`release_feedback` puts feedback written by ``alaskaki feedback`` into the exchange so each
participant fetches their own (nbgrader names it by a secret only their submission holds).
:func:`write_jupyter_config` writes the per-role Jupyter config the hub's single-user servers read
(grading/hub/jupyterhub_config.py calls it). docs/deploy.md is the trainer's guide.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from alaskaki import paths
from alaskaki.errors import EXIT_CONFLICT, EXIT_ERROR, EXIT_INPUT, AlaskakiError
from alaskaki.workshop.course import Workshop
from alaskaki.workshop.lock import locked

DEFAULT_EXCHANGE = Path("/srv/nbgrader/exchange")
DEFAULT_TRAINER = "pelatih"
PARTICIPANT_GROUP = "alaskaki-peserta"
TRAINER_GROUP = "alaskaki-pelatih"
LINUX_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
# No look-alike characters (0/O, 1/l/I): the trainer reads passwords aloud or writes them on cards.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 10
CONFIG_MARK_BEGIN = "# --- alaskaki hub (dibuat oleh `alaskaki hub users`) ---"
CONFIG_MARK_END = "# --- akhir alaskaki hub ---"
# nbgrader server extensions a participant does not need (the trainer's server keeps all).
TRAINER_ONLY_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)
TRAINER_ONLY_LAB_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:create-assignment",
)


@dataclass
class HubAccount:
    user: str
    nama: str
    peran: str  # "peserta" | "pelatih"
    keadaan: str  # "dibuat" | "sudah ada" | "akan dibuat" | "sudah ada (tidak diubah)"
    password: str | None = None  # only for accounts made on this run; printed once, never stored


@dataclass
class HubUsers:
    """The outcome of :func:`create_users`; ``summary_text()`` is what the trainer sees once."""

    workshop: Path
    course_id: str
    trainer: str
    exchange: Path
    dry_run: bool
    accounts: list[HubAccount] = field(default_factory=list)
    course_note: str = ""  # what was done to the exchange's course folder (red team R74)

    def summary_text(self) -> str:
        from alaskaki.text import table

        head = "RENCANA (tidak ada yang diubah, --dry-run)" if self.dry_run else "Akun lokakarya"
        lines = [
            f"{head}: kursus {self.course_id}, folder lokakarya {self.workshop}",
            f"Pelatih (admin dan penilai): {self.trainer}.  Exchange nbgrader: {self.exchange}",
            "",
            table(
                [[a.user, a.nama, a.peran, a.keadaan, a.password or ""] for a in self.accounts],
                ["akun", "nama", "peran", "keadaan", "kata sandi"],
            ),
        ]
        if self.course_note:
            lines += ["", self.course_note]
        if any(a.password for a in self.accounts):
            lines += [
                "",
                "Kata sandi di atas HANYA ditampilkan sekali ini dan tidak disimpan di mana pun.",
                "Cetak atau salin sekarang, lalu bagikan ke masing-masing peserta secara pribadi.",
                "Lupa kata sandi? Buat yang baru: sudo passwd AKUN",
            ]
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Small OS helpers (every change goes through the standard Debian tools)
# --------------------------------------------------------------------------------------------


def _run(cmd: list[str], *, stdin: str | None = None) -> None:
    res = subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise AlaskakiError(
            f"Perintah `{' '.join(cmd[:2])}` gagal: {(res.stderr or res.stdout).strip()[-500:]}",
            exit_code=EXIT_ERROR,
        )


def _user(name: str):
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def _group(name: str):
    try:
        return grp.getgrnam(name)
    except KeyError:
        return None


def generate_password(length: int = PASSWORD_LENGTH) -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))


def _check_names(ids: list[str], trainer: str) -> None:
    bad = [i for i in [*ids, trainer] if not LINUX_NAME.match(i)]
    if bad:
        raise AlaskakiError(
            "ID ini tidak bisa dipakai sebagai nama akun Linux: "
            + ", ".join(bad)
            + ". Pakai huruf kecil, angka, - atau _, diawali huruf (mis. p01), lalu impor ulang daftar peserta.",
            exit_code=EXIT_INPUT,
        )
    if trainer in ids:
        raise AlaskakiError(
            f"Akun pelatih {trainer!r} sama dengan ID salah satu peserta. Pilih nama lain untuk pelatih.",
            exit_code=EXIT_CONFLICT,
        )


def _foreign_account(name: str, group: str) -> bool:
    """An existing account we did not make (a system user, or someone outside the workshop group)."""
    pw = _user(name)
    if pw is None:
        return False
    g = _group(group)
    return pw.pw_uid < 1000 or g is None or (name not in g.gr_mem and pw.pw_gid != g.gr_gid)


def _someone_else(name: str, nama: str) -> str | None:
    """The name on an existing account (its comment, written by ``create_users``) when it is not
    ``nama``: the account of someone else, e.g. an earlier batch's participant with the same id."""
    pw = _user(name)
    if pw is None:
        return None
    on = " ".join(pw.pw_gecos.split(",")[0].split())
    if not on or on.casefold() == " ".join(nama.split()).casefold():
        return None
    return on


# --------------------------------------------------------------------------------------------
# Workshop config
# --------------------------------------------------------------------------------------------


def set_exchange(workshop: Workshop, exchange: str | Path) -> None:
    """Name the exchange in the workshop's nbgrader_config.py (idempotent; replaces an older block)."""
    cfg = workshop.config_file
    text = cfg.read_text(encoding="utf-8")
    text = re.sub(
        re.escape(CONFIG_MARK_BEGIN) + r".*?" + re.escape(CONFIG_MARK_END) + r"\n?",
        "",
        text,
        flags=re.S,
    )
    block = (
        f"{CONFIG_MARK_BEGIN}\n"
        "# Server JupyterHub: modul dirilis ke dan dikumpulkan dari exchange nbgrader.\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        f"{CONFIG_MARK_END}\n"
    )
    cfg.write_text(text.rstrip("\n") + "\n\n" + block, encoding="utf-8")


def prepare_exchange(exchange: Path) -> None:
    """nbgrader needs a world-writable exchange: every exchange command of every account checks
    ``os.access(root, W_OK | X_OK)`` (``Exchange.ensure_root``), and a release chmods the root back
    to 0777; the sticky bit stops users removing others' files. The course folder in it is made
    for the trainer by :func:`exchange.make_course_folder` (red team R74)."""
    exchange.mkdir(parents=True, exist_ok=True)
    os.chmod(exchange, 0o1777)


def _chown_tree(root: Path, uid: int, gid: int) -> None:
    os.chown(root, uid, gid)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            os.lchown(os.path.join(dirpath, name), uid, gid)


def protect_workshop(workshop: Workshop, trainer: str, trainer_group: str = TRAINER_GROUP) -> None:
    """The trainer owns the workshop; nobody else (participants included) can enter it."""
    pw = _user(trainer)
    g = _group(trainer_group)
    _chown_tree(workshop.root, pw.pw_uid, g.gr_gid if g else pw.pw_gid)
    os.chmod(workshop.root, 0o750)


def key_folders() -> list[Path]:
    """Folders of the trainer install that hold the answer key: instructor notebooks, alaskaki_kunci."""
    import importlib.util

    found = [paths.SOURCE_DIR]
    spec = importlib.util.find_spec("alaskaki_kunci")
    if spec is not None and spec.submodule_search_locations:
        found += [Path(p) for p in spec.submodule_search_locations]
    return [f for f in found if f.is_dir()]


def _git_dirs(checkout: Path) -> list[Path]:
    """The git folder of a checkout; for a worktree (``.git`` is a file) also the shared one,
    which holds every object (each committed instructor notebook)."""
    dot = checkout / ".git"
    if dot.is_dir():
        return [dot]
    if not dot.is_file():
        return []
    text = dot.read_text(encoding="utf-8", errors="replace").strip()
    if not text.startswith("gitdir:"):
        return []
    own = (checkout / text.split(":", 1)[1].strip()).resolve()
    found = [own]
    common = own / "commondir"
    if common.is_file():
        found.append((own / common.read_text(encoding="utf-8").strip()).resolve())
    return found


def trainer_only_paths() -> list[Path]:
    """Everything of the trainer's side that holds the key or leads to it, for participants' accounts
    to be kept out of (issue 19 req. 2, red-team finding R2):

    * the kit checkout the kit runs from (or ``ALASKAKI_KIT``): ``src/alaskaki_kunci``,
      ``assignments/source``, ``.git`` (``git show HEAD:assignments/source/...`` gives every
      solution), ``demo/`` output, a ``.venv``; closing its top folder closes all of it;
    * the trainer's environment (``sys.prefix`` when it is a venv): a wheel install keeps the key
      package and ``alaskaki/kit/assignments/source`` in its site-packages;
    * the git folders of the checkout (a worktree's are elsewhere) and :func:`key_folders`.
    """
    import sys

    found: list[Path] = []
    if paths.KIT_ORIGIN != "paket":
        found.append(paths.KIT_ROOT)
        found += _git_dirs(paths.KIT_ROOT)
    if sys.prefix != sys.base_prefix:
        found.append(Path(sys.prefix))
    found += key_folders()
    out = []
    for f in found:
        f = f.resolve()
        if f.is_dir() and f not in out and f != Path("/"):
            out.append(f)
    return out


def protect_kit_sources(trainer_group: str = TRAINER_GROUP) -> list[Path]:
    """Close :func:`trainer_only_paths` to everyone but root and the trainer group (mode 0750).

    Participants' servers run from the participant install (ALASKAKI_VENV_PESERTA), which holds
    no key and needs nothing of these folders. The hub refuses to start while a participant's
    account can still enter one of them (:func:`exposed_to`).
    """
    g = _group(trainer_group)
    done = []
    for folder in trainer_only_paths():
        if g is not None:
            mode = folder.stat().st_mode & 0o7777
            os.chown(folder, -1, g.gr_gid)
            os.chmod(folder, (mode & 0o7770) | 0o050)
            done.append(folder)
    return done


def exposed_to(user: str, folders: list[Path]) -> list[Path]:
    """The folders of ``folders`` that the Linux account ``user`` can enter (checked as that user
    with ``runuser``: file modes, groups and ACLs as the kernel applies them)."""
    out = []
    for folder in folders:
        res = subprocess.run(
            ["runuser", "-u", user, "--", "test", "-x", str(folder)],
            capture_output=True,
            check=False,
        )
        if res.returncode == 0:
            out.append(folder)
    return out


def usable_by(user: str, program: Path) -> bool:
    """True when the account ``user`` can run ``program`` (e.g. the participants' Python)."""
    res = subprocess.run(
        ["runuser", "-u", user, "--", str(program), "-c", "pass"],
        capture_output=True,
        check=False,
        cwd="/",
    )
    return res.returncode == 0


def check_participant_reach(participants: list[str], workshop: Path, participant_bin: Path) -> None:
    """Refuse a hub whose participants could read the key or could not start their server.

    Run as root at hub start (produksi). One participant account stands for all: every
    participant has the same groups (``alaskaki hub users``).
    """
    who = next((p for p in participants if _user(p) is not None), None)
    if who is None:
        # No participant can log in (PAM) yet; `alaskaki hub users` closes the same folders when
        # it makes the accounts.
        import sys

        print(
            "PERINGATAN: belum ada akun Linux peserta; buat dengan "
            f"sudo alaskaki hub users --workshop {workshop}",
            file=sys.stderr,
        )
        return
    open_ = exposed_to(who, [*trainer_only_paths(), workshop])
    if open_:
        raise AlaskakiError(
            f"Akun peserta ({who}) masih bisa membuka folder yang berisi kunci jawaban atau "
            "pekerjaan pelatih:\n"
            + "\n".join(f"  {p}" for p in open_)
            + "\nTutup dengan: sudo alaskaki hub users --workshop "
            f"{workshop} (menutup folder itu untuk semua kecuali pelatih), atau sudo chmod o-rwx "
            "FOLDER. Salinan git kit dan lingkungan pelatih jangan diletakkan di folder yang "
            "terbuka untuk peserta (lihat docs/deploy.md).",
            exit_code=EXIT_CONFLICT,
        )
    python = participant_bin / "python"
    if not usable_by(who, python):
        raise AlaskakiError(
            f"Akun peserta ({who}) tidak bisa menjalankan {python}: lingkungan peserta harus "
            "berada di folder yang terbuka untuk semua akun (mis. /opt/alaskaki/peserta, bukan di "
            "/root atau di dalam salinan git kit yang ditutup).",
            exit_code=EXIT_CONFLICT,
        )


def give_reference_notebooks(home: Path) -> list[Path]:
    """The glossary and the reference sheet in a participant's home, beside the module folders that
    nbgrader fetch puts there (each module links ``../istilah.ipynb``). Root-owned and read-only
    when the hub runs as root; renewed at each server start, so a deleted copy comes back."""
    from alaskaki.lab import place_reference_notebooks

    try:
        return place_reference_notebooks(home)
    except OSError as exc:
        # a server that starts without the glossary beats one that does not start
        import sys

        print(f"PERINGATAN: istilah.ipynb tidak bisa ditaruh di {home}: {exc}", file=sys.stderr)
        return []


# --------------------------------------------------------------------------------------------
# create_users
# --------------------------------------------------------------------------------------------


@locked("hub")  # it writes the exchange into the config and sets the folder's owners
def create_users(
    workshop: Workshop,
    *,
    dry_run: bool = False,
    trainer: str | None = None,
    exchange: str | Path | None = None,
    home_base: str | Path | None = None,
    participant_group: str = PARTICIPANT_GROUP,
    trainer_group: str = TRAINER_GROUP,
    protect_kit: bool = True,
) -> HubUsers:
    """Make the workshop's accounts on this server (as root). Returns passwords once, stores none.

    An account that already exists and belongs to the workshop group is left as it is (no new
    password); an existing account that is not ours (a system user, another person) stops the run.
    """
    trainer = trainer or os.environ.get("ALASKAKI_PELATIH") or DEFAULT_TRAINER
    exchange = Path(exchange or os.environ.get("ALASKAKI_EXCHANGE") or DEFAULT_EXCHANGE)
    people = workshop.participants()
    if not people:
        raise AlaskakiError(
            "Daftar peserta masih kosong. Impor dulu: `alaskaki roster import FILE`.",
            exit_code=EXIT_INPUT,
        )
    ids = [p.id for p in people]
    _check_names(ids, trainer)
    result = HubUsers(workshop.root, workshop.course_id, trainer, exchange, dry_run)
    clashes = [i for i in ids if _foreign_account(i, participant_group)]
    if _user(trainer) is not None and _user(trainer).pw_uid < 1000:
        clashes.append(trainer)
    if clashes:
        raise AlaskakiError(
            "Akun Linux ini sudah ada dan bukan akun lokakarya: "
            + ", ".join(clashes)
            + ". Ganti ID peserta itu di daftar peserta (mis. p01 → peserta01), lalu impor ulang.",
            exit_code=EXIT_CONFLICT,
        )
    plan = [(trainer, "Pelatih", "pelatih")] + [(p.id, p.nama, "peserta") for p in people]
    others = {p.id: _someone_else(p.id, p.nama) for p in people}
    others = {pid: who for pid, who in others.items() if who is not None}
    from alaskaki.workshop import exchange as exchange_mod

    course = exchange / workshop.course_id
    trainer_pw = _user(trainer)
    # before any account is made: a course folder another account made first is named (R74)
    exchange_mod.check_course_makers(
        course, trainer_pw.pw_uid if trainer_pw else None, workshop.root, trainer_group
    )
    if dry_run:
        for user, nama, peran in plan:
            state = "sudah ada (tidak diubah)" if _user(user) else "akan dibuat"
            if user in others:
                state = f"sudah ada atas nama {others[user]}: ditolak"
            result.accounts.append(HubAccount(user, nama, peran, state))
        return result
    if others:  # an earlier batch's account: its owner's password and home (issue 14)
        ids = list(others)
        pid, who = ids[0], others[ids[0]]
        nama = next(p.nama for p in people if p.id == pid)
        also = f" (begitu juga akun {', '.join(ids[1:])})" if len(ids) > 1 else ""
        raise AlaskakiError(
            f"Akun Linux {pid} sudah ada atas nama {who}, bukan {nama} seperti di daftar peserta"
            f"{also}, jadi pemiliknya (angkatan sebelumnya?) masih bisa masuk dengan kata sandinya "
            f"dan mengirim atas nama {pid}; cadangkan lalu hapus akun lama (`sudo userdel -r {pid}`) "
            "dan jalankan `alaskaki hub users` lagi, atau beri peserta baru ID lain; bila orangnya "
            f'sama dan hanya namanya diperbaiki, `sudo usermod -c "{nama}" {pid}`.',
            exit_code=EXIT_CONFLICT,
        )
    if os.geteuid() != 0:
        raise AlaskakiError(
            "Membuat akun Linux butuh hak root. Jalankan: sudo alaskaki hub users --workshop FOLDER",
            exit_code=EXIT_ERROR,
        )
    for group in (participant_group, trainer_group):
        if _group(group) is None:
            _run(["groupadd", group])
    for user, nama, peran in plan:
        if _user(user) is not None:
            if peran == "pelatih":
                _run(["usermod", "-a", "-G", trainer_group, user])
            result.accounts.append(HubAccount(user, nama, peran, "sudah ada"))
            continue
        cmd = ["useradd", "--create-home", "--shell", "/bin/bash", "--comment", nama]
        cmd += ["--groups", trainer_group if peran == "pelatih" else participant_group]
        if home_base is not None:
            cmd += ["--home-dir", str(Path(home_base) / user)]
        _run([*cmd, user])
        password = generate_password()
        _run(["chpasswd"], stdin=f"{user}:{password}\n")
        home = Path(_user(user).pw_dir)
        os.chmod(home, 0o700)
        result.accounts.append(HubAccount(user, nama, peran, "dibuat", password))
    prepare_exchange(exchange)
    # the course folder made now, the trainer's, before any participant can log in: the root
    # stays writable by all (nbgrader checks it), so whoever makes <root>/<course> first owns it
    trainer_pw = _user(trainer)
    existed = course.is_dir()
    changed = exchange_mod.make_course_folder(
        course, trainer_pw.pw_uid, trainer_pw.pw_gid, workshop.root, trainer_group
    )
    if changed and not existed:
        result.course_note = (
            f"Folder kursus {course} dibuat atas nama pelatih ({trainer}) sebelum peserta bisa "
            "masuk, agar tidak ada akun peserta yang membuatnya lebih dulu dan menghalangi rilis."
        )
    elif changed:
        result.course_note = (
            f"Folder kursus {course} (dibuat root atau akun pelatih lain, mis. oleh `sudo alaskaki "
            "release`) diserahkan "
            f"ke akun pelatih {trainer} agar rilis, pengumpulan dan umpan balik berjalan sebagai "
            "pelatih; kiriman peserta di dalamnya tidak diubah."
        )
    set_exchange(workshop, exchange)
    protect_workshop(workshop, trainer, trainer_group)
    if protect_kit:
        protect_kit_sources(trainer_group)
    return result


def delete_users(
    users: list[str], *, groups: tuple[str, ...] = (), remove_home: bool = True
) -> None:
    """Remove workshop accounts (after the workshop, or in tests). Missing accounts are skipped."""
    for user in users:
        if _user(user) is not None:
            _run(["userdel", *(["--remove"] if remove_home else []), user])
    for group in groups:
        if _group(group) is not None:
            _run(["groupdel", group])


# --------------------------------------------------------------------------------------------
# Feedback through the exchange
# --------------------------------------------------------------------------------------------


def release_feedback(workshop: Workshop, modul: str, *, participants=None) -> list[str]:
    """Put each participant's feedback into the exchange (nbgrader release_feedback).

    nbgrader names released feedback by the secret in the participant's own submission
    (``submission_secret.txt``): only that participant's fetch finds it. Returns the ids released.
    """
    from alaskaki.workshop.release import uses_exchange

    if not uses_exchange(workshop):
        return []
    from alaskaki.workshop import exchange
    from alaskaki.workshop.feedback import foreign_uji_pages

    exchange.check(workshop, modul)  # never to another batch's accounts (issue 14)

    foreign = foreign_uji_pages(workshop, modul)
    if foreign:  # nbgrader's own page of an uji shows its hidden tests: the key (red team R15)
        raise AlaskakiError(
            f"Umpan balik {foreign[0]} tidak ditulis oleh alaskaki (tombol Generate Feedback "
            f"nbgrader) dan memuat kunci uji {modul}, jadi tidak dikirim ke peserta. Tulis ulang "
            f"dengan `alaskaki feedback {modul}`."
        )
    released = []
    fb_root = workshop.feedback()
    for fb in sorted(fb_root.glob(f"*/{modul}")):
        pid = fb.parent.name
        if participants is not None and pid not in participants:
            continue
        sub = workshop.submitted(pid, modul)
        secret = sub / "submission_secret.txt"
        if not (fb / f"{modul}.html").is_file() or not secret.is_file():
            continue  # not handed in through the exchange: nothing a participant could fetch
        for name in ("timestamp.txt", "submission_secret.txt"):
            if (sub / name).is_file():
                shutil.copyfile(sub / name, fb / name)
        released.append(pid)
    if released:
        api = workshop.api()
        for pid in released:
            res = api.release_feedback(modul, student_id=pid)
            if not res.get("success"):
                raise AlaskakiError(
                    f"Umpan balik {pid} untuk modul {modul} gagal dikirim ke exchange:\n"
                    + (res.get("log") or res.get("error") or "")[-1500:]
                )
    return released


# --------------------------------------------------------------------------------------------
# Jupyter config for the single-user servers (called from grading/hub/jupyterhub_config.py)
# --------------------------------------------------------------------------------------------


def write_jupyter_config(
    state_dir: str | Path, *, course_id: str, exchange: str | Path, locale: str = "id_ID"
) -> dict[str, Path]:
    """Write ``<state>/jupyter-peserta`` and ``<state>/jupyter-pelatih`` (JUPYTER_CONFIG_PATH entries).

    Both: nbgrader's course id and exchange, the student id from the hub user name, JupyterLab in
    Bahasa Indonesia by default. Participants: no formgrader, course list or create-assignment.
    """
    state = Path(state_dir)
    out = {}
    for role in ("peserta", "pelatih"):
        d = state / f"jupyter-{role}"
        (d / "labconfig").mkdir(parents=True, exist_ok=True)
        (d / "nbgrader_config.py").write_text(
            "# Made by grading/hub/jupyterhub_config.py at hub start; edits are overwritten.\n"
            "import os\n"
            "c = get_config()  # noqa: F821\n"
            f"c.CourseDirectory.course_id = {course_id!r}\n"
            f"c.Exchange.root = {str(exchange)!r}\n"
            "c.Exchange.path_includes_course = False\n"
            + (
                "# Student id = hub user = roster id (also when every server runs as one OS user).\n"
                "c.CourseDirectory.student_id = os.environ.get('JUPYTERHUB_USER', '*')\n"
                if role == "peserta"
                else ""
            ),
            encoding="utf-8",
        )
        overrides = {"@jupyterlab/translation-extension:plugin": {"locale": locale}}
        (d / "labconfig" / "default_setting_overrides.json").write_text(
            json.dumps(overrides, indent=2) + "\n", encoding="utf-8"
        )
        if role == "pelatih":
            # manual grades typed in the formgrader are backed up while it runs (issue 14)
            (d / "jupyter_server_config.json").write_text(
                json.dumps(
                    {"ServerApp": {"jpserver_extensions": {"alaskaki.jupyter_cadangan": True}}},
                    indent=2,
                )
                + "\n",
                encoding="utf-8",
            )
        if role == "peserta":
            (d / "jupyter_server_config.json").write_text(
                json.dumps(
                    {
                        "ServerApp": {
                            "jpserver_extensions": dict.fromkeys(
                                TRAINER_ONLY_SERVER_EXTENSIONS, False
                            )
                        }
                    },
                    indent=2,
                )
                + "\n",
                encoding="utf-8",
            )
            (d / "labconfig" / "page_config.json").write_text(
                json.dumps(
                    {"disabledExtensions": dict.fromkeys(TRAINER_ONLY_LAB_PLUGINS, True)},
                    indent=2,
                )
                + "\n",
                encoding="utf-8",
            )
        for p in [d, *d.rglob("*")]:
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        out[role] = d
    return out
