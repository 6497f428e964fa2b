"""Pages for signing in (second factor, single sign-on) and for one's own account."""
