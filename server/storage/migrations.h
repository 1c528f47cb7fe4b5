#pragma once
// Numbered schema migrations, applied in order at start and recorded in schema_migrations.
#include "kete/result.h"

namespace kete::storage {

class SqliteDatabase;

// The newest schema this build knows; a database newer than this is refused.
int latest_schema_version();
Result<Done> apply_migrations(SqliteDatabase& db);

}  // namespace kete::storage
