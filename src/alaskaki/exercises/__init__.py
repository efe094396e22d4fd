"""Per-participant exercises for every module: ``from alaskaki.exercises import m3 as latihan``."""
