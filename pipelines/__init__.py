"""Turn analytical texts on international security into validated, documented open datasets."""

__version__ = "0.1.0"
