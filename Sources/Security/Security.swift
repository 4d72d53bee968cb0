// Security: API keys, role permissions and field-level encryption (AES-256-GCM,
// the seed legacy format and our versioned format) with keyed blind indexes.
