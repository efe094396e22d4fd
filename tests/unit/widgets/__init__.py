"""Tests of alaskaki.widgets: one test_<module>.py per module (see docs/architecture.md)."""
