"""pbbatch: party-building target performance management (黨建目標績效管理) from spreadsheets."""

__version__ = "0.1.0"
