"""Tests of alaskaki.competency: one test_<module>.py per module (see docs/architecture.md)."""
