import sys

from claimdiff.cli import main

sys.exit(main())
