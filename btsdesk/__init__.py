"""btsdesk: the jury room of a BTS exam."""

__version__ = "0.1.0"
