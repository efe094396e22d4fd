"""What goes into each of the kit's two distributions (read by setup.py, kitbuild/build_dists.py, tests).

* ``alaskaki`` (trainer install, the repository's own pyproject.toml): every module and every data
  folder — the participant side plus the grader side (answer key, grading, reports, hub tools).
* ``alaskaki-peserta`` (participant install: laptops, the hub's participant environment): the
  question side only. It is a strict subset of ``alaskaki``; the two are never installed together.

Paths of data folders are relative to the top of the checkout; in a wheel they land under
``alaskaki/kit/`` with the same layout, where :mod:`alaskaki.paths` finds them.
"""

from __future__ import annotations

TRAINER_DATA = ("assignments/source", "datasets", "grading", "notebooks")
PARTICIPANT_DATA = ("datasets", "grading/lab", "notebooks")

# Modules of src/alaskaki the participant install carries (files or whole subpackages).
PARTICIPANT_MODULES = (
    "__init__.py",
    "py.typed",
    "paths.py",
    "lab.py",
    "text.py",
    "domain",
    "widgets",
    "exercises",
)

# Never copied into a wheel: caches and editor state.
IGNORED = ("__pycache__", "*.pyc", ".ipynb_checkpoints", ".DS_Store")

# Runtime dependencies of the participant install, by name; versions are taken from the repository's
# pyproject.toml so the two installs cannot drift. nbgrader brings the participant's side of
# JupyterLab's Assignments tab (fetch, validate, submit) on a workshop server.
PARTICIPANT_DEPENDENCIES = (
    "nbgrader",
    "jupyterlab",
    "notebook",
    "jupyter-client",
    "ipykernel",
    "ipywidgets",
    "pandas",
    "matplotlib",
    "jupyterlab-language-pack-id-ID",
)
# On a JupyterHub server the participant environment also runs jupyterhub-singleuser.
PARTICIPANT_EXTRAS = {"hub": ("jupyterhub>=5",)}
PARTICIPANT_SCRIPTS = {"alaskaki-lab": "alaskaki.lab:main"}

# Top-level modules of this repository that belong to the trainer (grader) side only: none of
# them may appear in, or be imported by, the participant install.
GRADER_SIDE = (
    "alaskaki_kunci",
    "alaskaki.cli",
    "alaskaki.__main__",
    "alaskaki.authoring",
    "alaskaki.competency",
    "alaskaki.folder",
    "alaskaki.roster",
    "alaskaki.report",
    "alaskaki.workshop",
)
