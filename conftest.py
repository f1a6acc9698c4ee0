"""Root plugin hooks: the `--update-golden` option of the export golden-file tests.

It lives here, not in tests/conftest.py, because pytest only takes command-line options
from conftest files it loads at start-up, and this one is loaded whichever tests are run.
"""


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/* from the exporters' current output")
