"""One module per `supervise` subcommand (see `supervise.cli`)."""
