"""Test harnesses shared by every app's tests (loaded as pytest plugins from conftest.py)."""
