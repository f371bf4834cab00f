"""ungxu: putting the Code of Conduct on Social Networks into practice in a Vietnamese agency."""

__version__ = "0.1.0"
