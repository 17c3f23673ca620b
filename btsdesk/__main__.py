import sys

from btsdesk.cli import main

sys.exit(main())
