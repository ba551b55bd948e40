//! Non-interactive subcommands: thin, print and exit.
