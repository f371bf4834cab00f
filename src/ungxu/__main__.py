from ungxu.cli import main

raise SystemExit(main())
