"""Deterministic demo-workspace generator for ttydesk.

Usage (from the repo root):  python3 -m tools.demogen OUTDIR
Standard library only; output is byte-identical across runs.
"""
