"""Tests of alaskaki_kunci (the sealed key package): one test_<module>.py per module (see docs/architecture.md)."""
