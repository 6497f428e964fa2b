"""Settings by environment: `dev` (default for `make run`), `test`, `production`."""
