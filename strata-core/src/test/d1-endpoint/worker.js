// A test stand-in for Cloudflare's D1 REST API (https://developers.cloudflare.com/api/resources/d1/),
// run by the real `wrangler dev --local`: every SQL statement runs on a real local D1 database
// (workerd's SQLite behind a D1 binding), through the same D1 binding API a deployed Worker uses.
//
// Configuration (written by the test fixture into wrangler.json and .dev.vars):
//   ADMIN_TOKEN     secret: the Bearer token that adds tenants (POST /__endpoint/tenants)
//   DB_1 ... DB_N   D1 bindings: a pool of databases, each lent to one tenant at a time
//   ENDPOINT_STATE  D1 binding: the endpoint's own storage (bookmark snapshots, exports)
//
// One wrangler dev serves every test class of a JVM, because starting it takes seconds. Each class
// is a tenant: its own account id, its own token (the only one accepted for that account), its own
// database ids and names, each on a leased binding, and its own request counts and injected
// failures. A tenant sees nothing of another: a request is served for the tenant whose token it
// carries, and only on that tenant's account and databases.
//
// The paths follow Cloudflare's API base, so a client's base URL is http://HOST:PORT/client/v4,
// the value CLOUDFLARE_API_BASE_URL takes for wrangler. README.md beside this file says what the
// endpoint reproduces and what differs from Cloudflare.

import { splitStatements } from "./sql-statements.js";
import * as snapshots from "./snapshots.js";

const API_BASE = "/client/v4";
const EXPORT_PATH = "/d1-exports/";
const EXPORT_URL_LIFETIME_SECONDS = 3600; // wrangler says of D1's export URL: "valid for one hour"

// The tenants, by account id: {accountId, token, databases: [{id, name, binding}], counts, injected}.
// counts: the requests served since the last reset, by route (read through /__endpoint/requests).
// injected: failures the fixture asked for (POST /__endpoint/fail): the next `remaining` API
// requests are answered with `status` instead of being served.
const tenants = new Map();
let stateReady = false;

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    try {
      if (url.pathname === "/__endpoint/ready") return new Response("ready\n");
      if (!stateReady) {
        await snapshots.ensureStateTables(env.ENDPOINT_STATE);
        stateReady = true;
      }
      if (url.pathname.startsWith("/__endpoint/")) return await endpointControl(request, env, url);
      if (url.pathname.startsWith(EXPORT_PATH)) return await download(request, env, url);
      // A request is counted for the tenant whose token it carries or, with a wrong or missing
      // token, for the tenant whose account its path names.
      const tenant = tenantByToken(request);
      const counted = tenant ?? tenantByAccountIn(url.pathname);
      if (counted) count(counted, request.method + " " + routeName(url.pathname));
      if (!url.pathname.startsWith(API_BASE + "/")) return noRoute(url);
      const refused = authenticate(request, tenant);
      if (refused) return refused;
      if (tenant.injected.remaining > 0) {
        tenant.injected.remaining--;
        return unavailable(tenant.injected);
      }
      return await route(request, env, url, url.pathname.slice(API_BASE.length), tenant);
    } catch (e) {
      return failure(500, [{ code: 7500, message: d1Message(e) }]);
    }
  },
};

function count(tenant, route) {
  tenant.counts.total++;
  tenant.counts.routes[route] = (tenant.counts.routes[route] ?? 0) + 1;
}

function bearerToken(request) {
  const m = (request.headers.get("authorization") ?? "").match(/^Bearer (.+)$/);
  return m ? m[1] : null;
}

function tenantByToken(request) {
  const token = bearerToken(request);
  if (token === null) return null;
  for (const tenant of tenants.values()) if (timingSafeEqual(token, tenant.token)) return tenant;
  return null;
}

function tenantByAccountIn(path) {
  const m = path.match(/\/accounts\/([^/]+)\//);
  return m ? tenants.get(m[1]) ?? null : null;
}

// An export file is named after its database: `${database id}-${bookmark}.sql`.
function tenantByExportFile(filename) {
  for (const tenant of tenants.values()) {
    if (tenant.databases.some((d) => filename.startsWith(d.id + "-"))) return tenant;
  }
  return null;
}

function routeName(path) {
  if (path.startsWith(EXPORT_PATH)) return "export download";
  const m = path.match(/\/d1\/database(\/[^/]+)?(\/.*)?$/);
  if (!m) return path;
  return m[2] ? m[2].slice(1) : m[1] ? "database" : "databases";
}

// --- Cloudflare's envelope -------------------------------------------------------------------
// Every API v4 answer is {success, errors: [{code, message}], messages, result}
// (API reference, "Returns": errors, messages, result, success).

function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function ok(result, extra = {}) {
  return json(200, { result, success: true, errors: [], messages: [], ...extra });
}

function failure(status, errors) {
  return json(status, { result: null, success: false, errors, messages: [] });
}

function noRoute(url) {
  // Unknown paths and identifiers: 404 with code 7003 "Could not route to ..., perhaps your object
  // identifier is invalid?", the answer Cloudflare's API gives (seen in wrangler users' reports).
  return failure(404, [
    { code: 7003, message: `Could not route to ${url.pathname}, perhaps your object identifier is invalid?` },
    { code: 7000, message: "No route for that URI" },
  ]);
}

// What Cloudflare answers when it does not serve a request, for the fixture's injected failures:
// - 429: the API's rate limit ("If you exceed this limit, all API calls for the next five minutes will be
//   blocked, receiving a HTTP 429 response"; developers.cloudflare.com/fundamentals/api/reference/limits),
//   with "retry-after: the number of seconds, rounded up, until more capacity is available", a header
//   "only returned when the request has exceeded the rate limit"; the body is the envelope with error 971
//   "Please wait and consider throttling your request speed".
// - 5xx: an answer from in front of the API (a gateway or an overloaded origin), which is not the API's
//   JSON envelope: a plain-text 503 or 502 page. A client may not count on an envelope there.
function unavailable(injected) {
  const headers = {};
  if (injected.status === 429) {
    if (injected.retryAfter !== null) headers["retry-after"] = String(injected.retryAfter);
    return new Response(JSON.stringify({ result: null, success: false, errors: [{ code: 971,
      message: "Please wait and consider throttling your request speed" }], messages: [] }),
    { status: 429, headers: { "content-type": "application/json", ...headers } });
  }
  return new Response("error code: " + (injected.status === 503 ? 1200 : 1101) + "\n",
    { status: injected.status, headers: { "content-type": "text/plain" } });
}

// D1's binding reports "D1_ERROR: <SQLite message>: SQLITE_..."; the REST API reports the same
// failure as code 7500 with the message after the prefix (HTTP 400 since D1's 2024-04-15 change:
// "HTTP API now returns a HTTP 400 error for invalid queries").
function d1Message(e) {
  const message = String(e?.cause?.message ?? e?.message ?? e);
  return message.replace(/^(D1_[A-Z_]*ERROR: )+/, "");
}

// --- Authentication --------------------------------------------------------------------------
// API tokens are sent as "Authorization: Bearer <token>" (API reference, Security: API Token).
// No credentials: 400, code 9106 "Missing X-Auth-Key, X-Auth-Email or Authorization headers".
// A header that is not a Bearer token: 400, code 6003 with 6111 "Invalid format for Authorization header".
// A token that is not valid (or not for this account): 403, code 10000 "Authentication error",
// the error wrangler shows when a token lacks D1 permissions. `tenant` is the one whose token the
// request carries, if any.
function authenticate(request, tenant) {
  const header = request.headers.get("authorization");
  if (!header && !request.headers.get("x-auth-key")) {
    return failure(400, [{ code: 9106, message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers" }]);
  }
  if (header && !/^Bearer [A-Za-z0-9._~+/=-]+$/.test(header)) {
    return json(400, {
      result: null,
      success: false,
      errors: [{ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }] }],
      messages: [],
    });
  }
  if (!tenant) return failure(403, [{ code: 10000, message: "Authentication error" }]);
  return null;
}

function timingSafeEqual(a, b) {
  if (a.length !== b.length || b.length === 0) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

// --- Routes ----------------------------------------------------------------------------------

async function route(request, env, url, path, tenant) {
  const m = path.match(/^\/accounts\/([^/]+)\/d1\/database(?:\/([^/]+))?(\/.*)?$/);
  if (!m) return noRoute(url);
  const [, account, databaseId, rest] = m;
  if (account !== tenant.accountId) return failure(403, [{ code: 10000, message: "Authentication error" }]);
  const method = request.method;
  if (!databaseId) {
    if (method === "GET") return listDatabases(tenant, url);
    return noRoute(url);
  }
  const database = tenant.databases.find((d) => d.id === databaseId);
  if (!database) {
    // An id that names no database of the account: 404, code 7404 (the code D1 clients handle as
    // "database not found").
    return failure(404, [{ code: 7404, message: `The database ${databaseId} could not be found` }]);
  }
  const db = env[database.binding];
  const action = rest ?? "";
  if (method === "GET" && action === "") return databaseDetails(database, db);
  if (method === "POST" && (action === "/query" || action === "/raw")) {
    return query(request, db, action === "/raw");
  }
  if (method === "GET" && action === "/time_travel/bookmark") return bookmark(env, database, db, url);
  if (method === "POST" && action === "/time_travel/restore") return restore(env, database, db, url);
  if (method === "POST" && action === "/export") return exportDatabase(request, env, tenant, database, db, url);
  return noRoute(url);
}

// GET /accounts/{account_id}/d1/database — "List D1 Databases": result is an array of
// {uuid, name, version, created_at}, with result_info paging (page, per_page, count, total_count).
// wrangler calls it to find a database by name when the name is not in its config.
async function listDatabases(tenant, url) {
  const name = url.searchParams.get("name");
  const page = Math.max(1, Number(url.searchParams.get("page") ?? 1));
  const perPage = Math.max(1, Number(url.searchParams.get("per_page") ?? 1000));
  const all = tenant.databases.filter((d) => !name || d.name === name);
  const slice = all.slice((page - 1) * perPage, page * perPage);
  const result = slice.map((d) => ({ uuid: d.id, name: d.name, version: "production", created_at: null }));
  return ok(result, { result_info: { page, per_page: perPage, count: result.length, total_count: all.length } });
}

// GET /accounts/{account_id}/d1/database/{database_id} — "Get D1 Database": {uuid, name, version,
// num_tables, file_size, created_at}. wrangler's time-travel commands read version to refuse alpha
// databases.
async function databaseDetails(database, db) {
  const tables = await db
    .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\'")
    .all();
  return ok({
    uuid: database.id,
    name: database.name,
    version: "production",
    num_tables: tables.results[0].n,
    file_size: tables.meta.size_after ?? null,
    created_at: null,
  });
}

// POST /accounts/{account_id}/d1/database/{database_id}/query and /raw — "Query D1 Database" and
// "Raw D1 Database query". The body is a single query {sql, params} or {batch: [{sql, params}]};
// sql "supports multiple statements, joined by semicolons, which will be executed as a batch", and
// a batch runs as one transaction (D1's batch(): "if a statement fails, the whole sequence is
// aborted or rolled back"). Every statement therefore goes through one db.batch() call.
// result is one entry per statement: {results, success, meta}; /query gives rows as objects,
// /raw as {columns, rows} ("returns the query result rows as arrays rather than objects").
async function query(request, db, raw) {
  let body;
  try {
    body = await request.json();
  } catch {
    return failure(400, [{ code: 7400, message: "The request is not well formed: the body is not JSON" }]);
  }
  const queries = Array.isArray(body?.batch) ? body.batch : body && typeof body.sql === "string" ? [body] : null;
  if (!queries || queries.some((q) => typeof q?.sql !== "string")) {
    return failure(400, [{ code: 7400, message: "The request is not well formed: expected {sql, params} or {batch: [{sql, params}]}" }]);
  }
  const statements = [];
  for (const q of queries) {
    const parts = splitStatements(q.sql);
    const params = Array.isArray(q.params) ? q.params : [];
    if (parts.length === 0) return failure(400, [{ code: 7500, message: "SQL code did not contain a statement: SQLITE_ERROR" }]);
    if (parts.length > 1 && params.length > 0) {
      return failure(400, [{ code: 7500, message: "params can only be bound to a single statement, this sql has " + parts.length }]);
    }
    for (const sql of parts) statements.push(params.length > 0 ? db.prepare(sql).bind(...params) : db.prepare(sql));
  }
  let results;
  try {
    results = await db.batch(statements);
  } catch (e) {
    return failure(400, [{ code: 7500, message: d1Message(e) }]);
  }
  return ok(results.map((r) => ({ results: raw ? asRaw(r.results ?? []) : r.results ?? [], success: r.success, meta: r.meta })));
}

// The D1 binding's batch() gives rows as objects; /raw answers columns and rows. Column names come
// from the first row, so a statement that returns no rows answers columns [] here.
function asRaw(rows) {
  const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
  return { columns, rows: rows.map((row) => columns.map((c) => row[c])) };
}

// GET .../time_travel/bookmark — "Get D1 database bookmark": result {bookmark}, the bookmark of the
// database now, or with ?timestamp= the one nearest at or before that time. Here a bookmark is a
// snapshot taken when asked for; a timestamp finds the newest snapshot taken at or before it.
async function bookmark(env, database, db, url) {
  const timestamp = url.searchParams.get("timestamp");
  if (timestamp) {
    const instant = parseInstant(timestamp);
    if (!instant) return failure(400, [{ code: 7400, message: `timestamp ${timestamp} is not an ISO 8601 date or Unix time` }]);
    const found = await snapshots.findAt(env.ENDPOINT_STATE, database.id, instant);
    if (!found) {
      return failure(400, [{ code: 7500, message: `No bookmark at or before ${timestamp}: this test endpoint only knows bookmarks it was asked for` }]);
    }
    return ok({ bookmark: found.bookmark });
  }
  return ok({ bookmark: await snapshots.keep(env.ENDPOINT_STATE, database.id, await snapshots.dump(db)) });
}

// POST .../time_travel/restore?bookmark=B (or ?timestamp=T) — "Restore D1 Database to a bookmark or
// point in time": result {bookmark, previous_bookmark, message}; previous_bookmark is the state
// before the restore, so a restore can itself be undone. The replay is one D1 batch.
async function restore(env, database, db, url) {
  const wanted = url.searchParams.get("bookmark");
  const timestamp = url.searchParams.get("timestamp");
  let target = null;
  if (wanted) target = await snapshots.find(env.ENDPOINT_STATE, database.id, wanted);
  else if (timestamp) {
    const instant = parseInstant(timestamp);
    target = instant ? await snapshots.findAt(env.ENDPOINT_STATE, database.id, instant) : null;
  } else {
    return failure(400, [{ code: 7400, message: "restore needs a bookmark or a timestamp query parameter" }]);
  }
  if (!target) {
    return failure(400, [{ code: 7500, message: `Bookmark ${wanted ?? timestamp} is not a bookmark of database ${database.id}` }]);
  }
  const previous = await snapshots.keep(env.ENDPOINT_STATE, database.id, await snapshots.dump(db));
  try {
    await snapshots.replay(db, target.entries);
  } catch (e) {
    return failure(500, [{ code: 7500, message: "restore failed, the database is unchanged: " + d1Message(e) }]);
  }
  const after = await snapshots.keep(env.ENDPOINT_STATE, database.id, target.entries);
  return ok({ bookmark: after, previous_bookmark: previous, message: "Database restored successfully" });
}

function parseInstant(value) {
  const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

// POST .../export — "Export D1 Database as SQL", body {output_format: "polling", dump_options:
// {no_data, no_schema, tables}, current_bookmark}. The client polls until status is "complete";
// each answer carries at_bookmark, which the next poll sends as current_bookmark. The finished
// answer has result {filename, signed_url}; the signed URL needs no credentials (wrangler fetches it
// without any) and "will be valid for one hour".
// Here the first call snapshots the database and answers status "active"; the poll with that
// bookmark writes the file and answers "complete".
async function exportDatabase(request, env, tenant, database, db, url) {
  let body;
  try {
    body = await request.json();
  } catch {
    return failure(400, [{ code: 7400, message: "The request is not well formed: the body is not JSON" }]);
  }
  if (body?.output_format !== "polling") {
    return failure(400, [{ code: 7400, message: 'output_format must be "polling"' }]);
  }
  if (!body.current_bookmark) {
    const at = await snapshots.keep(env.ENDPOINT_STATE, database.id, await snapshots.dump(db));
    return ok({ success: true, type: "export", at_bookmark: at, status: "active", messages: [`Generating ${database.id}-${at}.sql`] });
  }
  const snapshot = await snapshots.find(env.ENDPOINT_STATE, database.id, body.current_bookmark);
  if (!snapshot) {
    return ok({ success: true, type: "export", at_bookmark: body.current_bookmark, status: "error",
      error: `No export in progress at bookmark ${body.current_bookmark}`, messages: [] });
  }
  const filename = `${database.id}-${snapshot.bookmark}.sql`;
  const sql = snapshots.exportText(snapshot.entries, body.dump_options ?? {});
  await env.ENDPOINT_STATE.prepare("INSERT OR REPLACE INTO exports (filename, database_id, sql) VALUES (?, ?, ?)")
    .bind(filename, database.id, sql).run();
  const signedUrl = await signedDownloadUrl(tenant, url.origin, filename);
  return ok({ success: true, type: "export", at_bookmark: snapshot.bookmark, status: "complete",
    messages: ["Uploaded part 1", `Finished uploading ${filename}`], result: { filename, signed_url: signedUrl } });
}

// Signed with the tenant's token, which only that tenant and this Worker know.
async function hmac(tenant, text) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(tenant.token), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signature = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text));
  return [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function signedDownloadUrl(tenant, origin, filename) {
  const expires = Math.floor(Date.now() / 1000) + EXPORT_URL_LIFETIME_SECONDS;
  const signature = await hmac(tenant, `${filename}\n${expires}`);
  return `${origin}${EXPORT_PATH}${encodeURIComponent(filename)}?expires=${expires}&signature=${signature}`;
}

// GET /d1-exports/{filename}?expires&signature — the signed URL: no Authorization header; a wrong
// signature or a past expiry is refused with 403, as a presigned storage URL is.
async function download(request, env, url) {
  const filename = decodeURIComponent(url.pathname.slice(EXPORT_PATH.length));
  const tenant = tenantByExportFile(filename);
  if (tenant) count(tenant, request.method + " " + routeName(url.pathname));
  const expires = Number(url.searchParams.get("expires"));
  const signature = url.searchParams.get("signature") ?? "";
  const valid = tenant !== null && expires > Date.now() / 1000
    && timingSafeEqual(signature, await hmac(tenant, `${filename}\n${expires}`));
  if (!valid) return new Response("Request has expired or the signature does not match\n", { status: 403 });
  const row = await env.ENDPOINT_STATE.prepare("SELECT sql FROM exports WHERE filename = ?").bind(filename).first();
  if (!row) return new Response("The specified key does not exist.\n", { status: 404 });
  return new Response(row.sql, { headers: { "content-type": "application/sql" } });
}

// --- The fixture's own controls (not part of Cloudflare's API) --------------------------------
// With the admin token (ADMIN_TOKEN):
//   POST   /__endpoint/tenants   {account_id, token, databases: [{id, name, binding}]}: serve a new
//                                tenant on bindings no other tenant holds, emptied first
// With a tenant's token, about that tenant only:
//   GET    /__endpoint/requests  the request counts since the last reset
//   DELETE /__endpoint/requests  zero the counts
//   POST   /__endpoint/fail?count=N&status=S[&retry_after=SECONDS]
//                                answer the next N API requests with S (429 or 5xx), as unavailable() says
//   POST   /__endpoint/reset     drop every object of the tenant's databases, forget their bookmarks
//                                and exports, zero the counts and the injected failures
//   DELETE /__endpoint/tenant    stop serving the tenant and forget its bookmarks and exports, so
//                                that its bindings can be lent again
async function endpointControl(request, env, url) {
  if (url.pathname === "/__endpoint/tenants" && request.method === "POST") {
    if (!timingSafeEqual(bearerToken(request) ?? "", env.ADMIN_TOKEN ?? "")) {
      return failure(403, [{ code: 10000, message: "Authentication error" }]);
    }
    return addTenant(env, await request.json());
  }
  const tenant = tenantByToken(request);
  if (!tenant) return failure(403, [{ code: 10000, message: "Authentication error" }]);
  if (url.pathname === "/__endpoint/fail" && request.method === "POST") {
    const status = Number(url.searchParams.get("status") ?? 503);
    if (status !== 429 && (status < 500 || status > 599)) return failure(400, [{ code: 7400, message: "status must be 429 or 5xx" }]);
    const retryAfter = url.searchParams.get("retry_after");
    tenant.injected = { remaining: Math.max(0, Number(url.searchParams.get("count") ?? 1)), status,
      retryAfter: retryAfter === null ? null : Number(retryAfter) };
    return ok(tenant.injected);
  }
  if (url.pathname === "/__endpoint/requests" && request.method === "GET") return ok(tenant.counts);
  if (url.pathname === "/__endpoint/requests" && request.method === "DELETE") {
    tenant.counts = { total: 0, routes: {} };
    return ok(tenant.counts);
  }
  if (url.pathname === "/__endpoint/reset" && request.method === "POST") {
    await empty(env, tenant.databases);
    Object.assign(tenant, fresh());
    return ok({ reset: tenant.databases.map((d) => d.id) });
  }
  if (url.pathname === "/__endpoint/tenant" && request.method === "DELETE") {
    tenants.delete(tenant.accountId);
    await snapshots.forget(env.ENDPOINT_STATE, tenant.databases.map((d) => d.id));
    return ok({ removed: tenant.accountId });
  }
  return noRoute(url);
}

function fresh() {
  return { counts: { total: 0, routes: {} }, injected: { remaining: 0, status: 503, retryAfter: null } };
}

async function addTenant(env, body) {
  const refuse = (message) => failure(400, [{ code: 7400, message }]);
  const { account_id: accountId, token, databases } = body ?? {};
  if (typeof accountId !== "string" || typeof token !== "string" || token.length === 0 || !Array.isArray(databases)) {
    return refuse("a tenant needs account_id, token and databases");
  }
  if (tenants.has(accountId)) return refuse(`account ${accountId} is already served`);
  const held = new Set([...tenants.values()].flatMap((t) => t.databases.map((d) => d.binding)));
  for (const d of databases) {
    if (!env[d.binding] || d.binding === "ENDPOINT_STATE") return refuse(`no D1 binding ${d.binding} to lend`);
    if (held.has(d.binding)) return refuse(`the binding ${d.binding} is lent to another tenant`);
  }
  const tenant = { accountId, token, databases: databases.map(({ id, name, binding }) => ({ id, name, binding })), ...fresh() };
  await empty(env, tenant.databases);
  tenants.set(accountId, tenant);
  return ok({ account_id: accountId, databases: tenant.databases.map((d) => d.id) });
}

// Drops every object of the databases and forgets their bookmarks and exports.
async function empty(env, databases) {
  for (const d of databases) {
    const db = env[d.binding];
    const drops = await snapshots.dropAll(db);
    const statements = ["PRAGMA defer_foreign_keys = ON;", ...drops];
    const hasSequence = (await db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_sequence'").first()).n > 0;
    if (hasSequence) statements.push("DELETE FROM sqlite_sequence;");
    await db.batch(statements.map((s) => db.prepare(s)));
  }
  await snapshots.forget(env.ENDPOINT_STATE, databases.map((d) => d.id));
}
