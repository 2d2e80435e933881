"""``python -m amity``: the same as the ``amity`` command."""

import sys

from amity.cli import main

sys.exit(main())
