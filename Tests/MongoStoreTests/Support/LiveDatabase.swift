// The live database and scripts/db come from the shared TestSupport target.
@_exported import TestSupport
