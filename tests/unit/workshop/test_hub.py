"""The hub's pieces that need no root and no server: account plan, workshop config, hub config.

The real thing (accounts, JupyterHub, the exchange, permissions) is tests/integration/test_hub.py.
"""

from __future__ import annotations

import json
import shutil
import sys

import pytest
from traitlets.config.loader import PyFileConfigLoader

from alaskaki import paths
from alaskaki.errors import AlaskakiError
from alaskaki.workshop import Workshop, init_workshop
from alaskaki.workshop.hub import (
    PASSWORD_ALPHABET,
    _check_names,
    create_users,
    generate_password,
    set_exchange,
    write_jupyter_config,
)
from alaskaki.workshop.release import uses_exchange

MODUL = "m3-biaya-produksi"
ROSTER = "id,nama,ikm,kelurahan,jenis_kelamin,peran\n{rows}"


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    """One workshop (p01..p03) for the whole module: making a gradebook costs seconds."""
    tmp = tmp_path_factory.mktemp("hubcfg")
    roster = tmp / "peserta.csv"
    rows = "".join(f"{i},Nama {i},UD Contoh,Miji,P,penjahit\n" for i in ("p01", "p02", "p03"))
    roster.write_text(ROSTER.format(rows=rows), encoding="utf-8")
    return init_workshop(tmp / "lokakarya", roster=roster, modules=[MODUL])


def test_dry_run_plans_accounts_and_changes_nothing(workshop):
    ws = workshop
    before = ws.config_file.read_text()
    res = create_users(ws, dry_run=True, trainer="pelatihuji")
    assert [(a.user, a.peran) for a in res.accounts] == [
        ("pelatihuji", "pelatih"),
        ("p01", "peserta"),
        ("p02", "peserta"),
        ("p03", "peserta"),
    ]
    assert all(a.password is None for a in res.accounts)
    assert "RENCANA" in res.summary_text() and "p02" in res.summary_text()
    assert ws.config_file.read_text() == before


def test_ids_that_are_not_linux_names_are_refused():
    with pytest.raises(AlaskakiError, match="Budi-01"):
        _check_names(["p01", "Budi-01"], "pelatih")
    with pytest.raises(AlaskakiError, match="9lima"):
        _check_names(["9lima"], "pelatih")
    _check_names(["p01", "siti-a", "p_02"], "pelatih")


def test_trainer_cannot_share_a_participant_id(workshop):
    with pytest.raises(AlaskakiError, match="pelatih"):
        create_users(workshop, dry_run=True, trainer="p01")


def test_generated_passwords_differ_and_avoid_look_alikes():
    pws = {generate_password() for _ in range(50)}
    assert len(pws) == 50
    assert all(set(p) <= set(PASSWORD_ALPHABET) for p in pws)
    assert not set("01lIO") & set(PASSWORD_ALPHABET)


def test_set_exchange_is_idempotent_and_turns_the_exchange_on(workshop, tmp_path):
    ws = Workshop(tmp_path / "salinan")
    shutil.copytree(workshop.root, ws.root)
    assert not uses_exchange(ws)
    set_exchange(ws, tmp_path / "ex1")
    set_exchange(ws, tmp_path / "ex2")
    text = ws.config_file.read_text()
    assert text.count("c.Exchange.root") == 1
    assert uses_exchange(ws)
    assert ws.config().Exchange.root == str(tmp_path / "ex2")


def test_participant_and_trainer_jupyter_config(tmp_path, monkeypatch):
    dirs = write_jupyter_config(tmp_path, course_id="uji-2026", exchange="/srv/x")
    monkeypatch.setenv("JUPYTERHUB_USER", "p07")
    peserta = PyFileConfigLoader("nbgrader_config.py", path=str(dirs["peserta"])).load_config()
    assert peserta.CourseDirectory.course_id == "uji-2026"
    assert peserta.CourseDirectory.student_id == "p07"
    assert peserta.Exchange.root == "/srv/x"
    server = json.loads((dirs["peserta"] / "jupyter_server_config.json").read_text())
    assert (
        server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is False
    )
    # the trainer keeps every nbgrader extension, plus the backup while the formgrader runs
    trainer = json.loads((dirs["pelatih"] / "jupyter_server_config.json").read_text())
    assert trainer["ServerApp"]["jpserver_extensions"] == {"alaskaki.jupyter_cadangan": True}
    for d in dirs.values():
        overrides = json.loads((d / "labconfig" / "default_setting_overrides.json").read_text())
        assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "id_ID"


def _fake_venv(where, python) -> str:
    """A venv-shaped folder: bin/jupyterhub-singleuser and bin/python (-> ``python``)."""
    (where / "bin").mkdir(parents=True)
    (where / "bin" / "jupyterhub-singleuser").write_text("#!/bin/sh\n")
    (where / "bin" / "python").write_text(f'#!/bin/sh\nexec {python} "$@"\n')
    (where / "bin" / "python").chmod(0o755)
    return str(where)


def _load_hub_config():
    return PyFileConfigLoader(
        "jupyterhub_config.py", path=str(paths.KIT_ROOT / "grading" / "hub")
    ).load_config()


def test_hub_config_gives_participants_an_environment_without_the_key(
    workshop, tmp_path, monkeypatch
):
    monkeypatch.setenv("ALASKAKI_LOKAKARYA", str(workshop.root))
    monkeypatch.setenv("ALASKAKI_HUB_STATE", str(tmp_path / "hub"))
    monkeypatch.delenv("ALASKAKI_HUB_MODE", raising=False)
    monkeypatch.delenv("ALASKAKI_VENV_PESERTA", raising=False)
    with pytest.raises(SystemExit, match="ALASKAKI_VENV_PESERTA belum diisi"):
        _load_hub_config()
    # this test venv imports alaskaki_kunci (editable install of everything): refused
    monkeypatch.setenv("ALASKAKI_VENV_PESERTA", _fake_venv(tmp_path / "penuh", sys.executable))
    with pytest.raises(SystemExit, match="berisi kunci jawaban"):
        _load_hub_config()
    # the base interpreter cannot import it: accepted, and participants' servers start from it
    good = _fake_venv(tmp_path / "peserta", sys._base_executable)
    monkeypatch.setenv("ALASKAKI_VENV_PESERTA", good)
    cfg = _load_hub_config()
    assert cfg.Spawner.cmd == [f"{good}/bin/jupyterhub-singleuser"]
    assert cfg.Spawner.environment["PATH"].startswith(f"{good}/bin")


def test_hub_config_file_reads_the_workshop(workshop, tmp_path, monkeypatch):
    ws = workshop
    monkeypatch.setenv(
        "ALASKAKI_VENV_PESERTA", _fake_venv(tmp_path / "peserta", sys._base_executable)
    )
    monkeypatch.setenv("ALASKAKI_LOKAKARYA", str(ws.root))
    monkeypatch.setenv("ALASKAKI_PELATIH", "bu-ani")
    monkeypatch.setenv("ALASKAKI_HUB_STATE", str(tmp_path / "hub"))
    monkeypatch.delenv("ALASKAKI_HUB_MODE", raising=False)
    monkeypatch.delenv("ALASKAKI_HUB_SERVICE_TOKEN", raising=False)
    cfg = PyFileConfigLoader(
        "jupyterhub_config.py", path=str(paths.KIT_ROOT / "grading" / "hub")
    ).load_config()
    assert cfg.Authenticator.allowed_users == {"bu-ani", "p01", "p02", "p03"}
    assert cfg.Authenticator.admin_users == {"bu-ani"}
    assert cfg.JupyterHub.authenticator_class == "pam"  # real accounts, no shared password
    assert "SharedPasswordAuthenticator" not in cfg
    assert cfg.Spawner.cmd[0].endswith("jupyterhub-singleuser")
    assert [s["name"] for s in cfg.JupyterHub.services] == ["idle-culler"]
    assert cfg.Spawner.default_url == "/lab"
    written = (tmp_path / "hub" / "jupyter-peserta" / "nbgrader_config.py").read_text()
    assert repr(ws.course_id) in written
