"""Shim for scrapyd-deploy, which builds eggs with `setup.py bdist_egg`; the metadata is in pyproject.toml."""
from setuptools import setup

setup()
