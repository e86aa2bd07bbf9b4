"""The kinds of mail, a module per group; each module lists its kinds in `MAILS`."""
