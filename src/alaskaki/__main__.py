import sys

from alaskaki.cli import main

sys.exit(main())
