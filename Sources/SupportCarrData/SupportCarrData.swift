// SupportCarrData: the SupportCarr data model as the database holds it: collection
// names, the index catalogue of the seed, migrations and deterministic demo data.
