"""Tests of alaskaki.exercises: one test_<module>.py per module (see docs/architecture.md)."""
