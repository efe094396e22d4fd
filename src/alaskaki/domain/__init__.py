"""The trade's rules and tables: pure Python, no Jupyter imports; the one truth every module,
widget, hidden test and report calls. Tables live in ``datasets/`` (see its README for sources)."""
