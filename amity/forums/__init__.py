"""Forums and other events at which partnerships are signed."""
