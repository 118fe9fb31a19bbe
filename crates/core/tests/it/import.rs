//! Integration tests: import.
