"""Tests of alaskaki.workshop.grading: one test_<module>.py per module (see docs/architecture.md)."""
