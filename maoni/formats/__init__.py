"""Date and number formats for the languages Django has no formats for (FORMAT_MODULE_PATH)."""
