"""Publishing: the tables, their formats, the data package, the output directory."""
