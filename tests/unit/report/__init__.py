"""Tests of alaskaki.report: one test_<module>.py per module (see docs/architecture.md)."""
