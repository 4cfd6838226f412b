"""Browser tests: the built example site in headless Chromium, checked with axe-core.

A package (not a bare folder) so that this folder's conftest.py is imported as
`browser.conftest` and never takes the place of tests/conftest.py as `conftest`.
"""
