"""Lets ``scrapyd-deploy`` build the project's egg from pyproject.toml (metadata, package data and
the ``scrapy.settings`` entry point); everything else installs with ``pip install .``."""

from setuptools import setup

setup()
