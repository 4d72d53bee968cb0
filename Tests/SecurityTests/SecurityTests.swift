// Tests for Security.
