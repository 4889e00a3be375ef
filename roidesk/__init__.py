"""roidesk: what social media marketing really returns, offline."""

__version__ = "0.1.0"
