"""The ``clauses`` command: click commands over the library, click's own strings in French, one error handler.

Nothing below imports it.
"""

from generator.cli.commands import main

__all__ = ["main"]
