"""Tests of alaskaki.workshop: one test_<module>.py per module (see docs/architecture.md)."""
