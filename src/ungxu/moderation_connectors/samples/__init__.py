"""Recorded sample payloads (fictional, written for this project) used by tests and demos."""
