"""Detectors: small classes registered in `ungxu.screening.registry` (see docs/engine.md)."""
