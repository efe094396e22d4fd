"""Tests of alaskaki.domain: one test_<module>.py per module (see docs/architecture.md)."""
