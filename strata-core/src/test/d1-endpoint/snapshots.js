// Bookmarks and exports, built from the local D1 database's own SQL.
//
// Local D1 (workerd's SQLite behind the D1 binding) has no Time Travel. A bookmark here is a
// snapshot: when a client asks for a bookmark, the schema and every row of the database are read
// as SQL statements and kept in the endpoint's own D1 database (binding ENDPOINT_STATE). Restoring
// drops every object of the database and replays the snapshot in one D1 batch, so a restore is
// atomic like D1's. What differs from Cloudflare is written in README.md beside this file.

const OWN_TABLES = [
  `CREATE TABLE IF NOT EXISTS snapshots (seq INTEGER PRIMARY KEY AUTOINCREMENT, bookmark TEXT NOT NULL UNIQUE,
     database_id TEXT NOT NULL, taken_at TEXT NOT NULL, statements TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS exports (filename TEXT PRIMARY KEY, database_id TEXT NOT NULL, sql TEXT NOT NULL)`,
];

export async function ensureStateTables(state) {
  await state.batch(OWN_TABLES.map((sql) => state.prepare(sql)));
}

// Names D1 keeps to itself (sqlite_* and _cf_*) are never read or written: D1 refuses access to them.
const USER_OBJECTS = `SELECT type, name, tbl_name, sql FROM sqlite_master
  WHERE sql IS NOT NULL
    AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'
    AND tbl_name NOT LIKE '\\_cf\\_%' ESCAPE '\\'
  ORDER BY rowid`;

function quoteName(name) {
  return '"' + String(name).replace(/"/g, '""') + '"';
}

/**
 * The database as a list of {kind, table, sql}: kind "table" (CREATE TABLE), "row" (INSERT),
 * "sequence" (an AUTOINCREMENT counter) and "object" (index, view, trigger; replayed after the
 * rows so that no trigger fires on restored data).
 */
export async function dump(db) {
  const objects = (await db.prepare(USER_OBJECTS).all()).results;
  const out = [];
  const tables = objects.filter((o) => o.type === "table");
  for (const table of tables) {
    if (/^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(table.sql)) {
      throw new Error(`table ${table.name} is a virtual table, which this endpoint cannot snapshot`);
    }
    out.push({ kind: "table", table: table.name, sql: table.sql });
  }
  for (const table of tables) {
    const columns = (await db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid").bind(table.name).all())
      .results.map((c) => c.name);
    if (columns.length === 0) continue;
    // SQLite's quote() writes each value as an SQL literal (text, integer, real, blob, NULL), so the
    // INSERT reproduces the stored value and its type exactly.
    const literals = columns.map((c) => `quote(${quoteName(c)})`).join(" || ',' || ");
    const prefix = `INSERT INTO ${quoteName(table.name)} (${columns.map(quoteName).join(",")}) VALUES(`;
    const rows = await db.prepare(`SELECT ${literals} AS v FROM ${quoteName(table.name)}`).all();
    for (const row of rows.results) out.push({ kind: "row", table: table.name, sql: `${prefix}${row.v});` });
  }
  const hasSequence = (await db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_sequence'").first()).n > 0;
  if (hasSequence) {
    const sequences = await db.prepare("SELECT name, seq FROM sqlite_sequence").all();
    for (const s of sequences.results) {
      if (String(s.name).startsWith("_cf_")) continue;
      const name = `'${String(s.name).replace(/'/g, "''")}'`;
      out.push({ kind: "sequence", table: s.name, sql: `DELETE FROM sqlite_sequence WHERE name = ${name};` });
      out.push({ kind: "sequence", table: s.name, sql: `INSERT INTO sqlite_sequence (name, seq) VALUES (${name}, ${Number(s.seq)});` });
    }
  }
  for (const o of objects) {
    if (o.type !== "table") out.push({ kind: "object", table: o.tbl_name, sql: o.sql });
  }
  return out;
}

/** Statements that drop every user object of the database (triggers and views first). */
export async function dropAll(db) {
  const objects = (await db.prepare(USER_OBJECTS).all()).results;
  const order = { trigger: 0, view: 1, index: 2, table: 3 };
  return objects
    .filter((o) => o.type !== "index") // dropped with their table
    .sort((a, b) => order[a.type] - order[b.type])
    .map((o) => `DROP ${o.type.toUpperCase()} IF EXISTS ${quoteName(o.name)};`);
}

/** Replaces the database's content by the snapshot, in one D1 batch (one transaction). */
export async function replay(db, entries) {
  const statements = ["PRAGMA defer_foreign_keys = ON;", ...(await dropAll(db)), ...entries.map((e) => e.sql)];
  await db.batch(statements.map((s) => db.prepare(s)));
}

function hex(value, width) {
  return Math.max(0, Math.floor(value)).toString(16).padStart(width, "0").slice(-width);
}

function randomHex(bytes) {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Keeps a snapshot and returns its bookmark. Bookmarks have the shape of D1's
 * (8-8-8-32 hex digits) and sort oldest to newest, as D1 documents for its own.
 */
export async function keep(state, databaseId, entries) {
  const now = new Date();
  const placeholder = `pending-${randomHex(8)}`;
  const inserted = await state
    .prepare("INSERT INTO snapshots (bookmark, database_id, taken_at, statements) VALUES (?, ?, ?, ?) RETURNING seq")
    .bind(placeholder, databaseId, now.toISOString(), JSON.stringify(entries))
    .first();
  const bookmark = `${hex(inserted.seq, 8)}-00000000-${hex(now.getTime() / 1000, 8)}-${randomHex(16)}`;
  await state.prepare("UPDATE snapshots SET bookmark = ? WHERE seq = ?").bind(bookmark, inserted.seq).run();
  return bookmark;
}

export async function find(state, databaseId, bookmark) {
  const row = await state
    .prepare("SELECT bookmark, statements FROM snapshots WHERE database_id = ? AND bookmark = ?")
    .bind(databaseId, bookmark)
    .first();
  return row ? { bookmark: row.bookmark, entries: JSON.parse(row.statements) } : null;
}

/** The newest snapshot taken at or before the instant, or null. */
export async function findAt(state, databaseId, instant) {
  const row = await state
    .prepare("SELECT bookmark FROM snapshots WHERE database_id = ? AND taken_at <= ? ORDER BY seq DESC LIMIT 1")
    .bind(databaseId, instant.toISOString())
    .first();
  return row ? find(state, databaseId, row.bookmark) : null;
}

/** The SQL text of an export, the way D1's export files begin (deferred foreign keys, then DDL and rows). */
export function exportText(entries, options = {}) {
  const tables = Array.isArray(options.tables) && options.tables.length > 0 ? new Set(options.tables) : null;
  const lines = ["PRAGMA defer_foreign_keys=TRUE;"];
  for (const e of entries) {
    if (tables && !tables.has(e.table)) continue;
    const isSchema = e.kind === "table" || e.kind === "object";
    if (isSchema && options.no_schema) continue;
    if (!isSchema && options.no_data) continue;
    lines.push(e.sql.trim().endsWith(";") ? e.sql.trim() : `${e.sql.trim()};`);
  }
  return lines.join("\n") + "\n";
}

/** Forgets the bookmarks and exports of the databases. */
export async function forget(state, databaseIds) {
  const statements = databaseIds.flatMap((id) => [
    state.prepare("DELETE FROM snapshots WHERE database_id = ?").bind(id),
    state.prepare("DELETE FROM exports WHERE database_id = ?").bind(id),
  ]);
  if (statements.length > 0) await state.batch(statements);
}
