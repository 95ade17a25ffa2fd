//! Importing rows as records: header mapping, reference resolution by name, validation, duplicates, all or nothing.
