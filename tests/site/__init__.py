"""The site as a whole: accounts, settings, security, deployment, ownership, query counts."""
