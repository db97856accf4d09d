"""Scoring a published release against gold answers; `pipelines.evaluate` is the entry point.

The matching rules follow the reference scorer of the dev set (`score_extraction.py`) so that
our figures and the reference figures agree; the modules here read our own table schemas only.
"""
