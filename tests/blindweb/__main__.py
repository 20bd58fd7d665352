from __future__ import annotations

import sys

from tests.blindweb.cli import main

sys.exit(main())
