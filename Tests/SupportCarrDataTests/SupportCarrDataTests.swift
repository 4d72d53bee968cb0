// Tests for SupportCarrData.
