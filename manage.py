#!/usr/bin/env python
"""Django's command-line utility for Maoni."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maoni.settings")
    from django.core.management import execute_from_command_line

    from maoni.config import ConfigurationError

    try:
        execute_from_command_line(sys.argv)
    except ConfigurationError as error:
        # A setting in the environment is wrong: say which, without a traceback.
        sys.exit(f"Maoni cannot start: {error}")
