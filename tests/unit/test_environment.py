"""environment.yml (for conda users) lists the same runtime dependencies as pyproject.toml."""

import re
import tomllib

import yaml

from alaskaki import paths


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((paths.KIT_ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(d): d.replace(" ", "") for d in project["dependencies"]}
    env = yaml.safe_load((paths.KIT_ROOT / "environment.yml").read_text())
    listed = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for item in items:
            if item.startswith("-e") or _name(item) in ("python", "pip"):
                continue
            listed[_name(item)] = item.replace(" ", "")
    assert set(listed) == set(wanted), (
        f"only in pyproject: {set(wanted) - set(listed)}; only in environment.yml: {set(listed) - set(wanted)}"
    )
    for name, spec in wanted.items():
        assert listed[name] == spec, (
            f"{name}: pyproject says {spec!r}, environment.yml says {listed[name]!r}"
        )
