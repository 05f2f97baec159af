-- The schema the application started with, as it stood before migrations were
-- tracked. Every statement is IF NOT EXISTS, so running this against a
-- database that already has these tables changes nothing and loses nothing.

-- Settings a signed-in user has chosen, keyed by their Particle account.
CREATE TABLE IF NOT EXISTS user_preferences (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    particle_user_id TEXT NOT NULL UNIQUE,
    wallet_address TEXT,
    preferred_chain TEXT,
    theme TEXT DEFAULT 'system',
    notifications_enabled INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
);

-- A local copy of Polymarket markets, refreshed in the background so pages
-- do not wait on the upstream API.
CREATE TABLE IF NOT EXISTS polymarket_markets_cache (
    market_id TEXT PRIMARY KEY NOT NULL,
    question TEXT NOT NULL,
    category TEXT,
    outcomes TEXT,
    volume REAL,
    end_date DATETIME,
    is_active INTEGER NOT NULL DEFAULT 1,
    fetched_at DATETIME DEFAULT CURRENT_TIMESTAMP
);

-- Cross-chain transactions sent through ZetaChain. amount is TEXT here, as
-- it was first shipped; 0002 turns it into a number.
CREATE TABLE IF NOT EXISTS zetachain_cctx_log (
    cctx_hash TEXT PRIMARY KEY NOT NULL,
    source_chain TEXT NOT NULL,
    destination_chain TEXT NOT NULL,
    asset TEXT,
    amount TEXT,
    status TEXT DEFAULT 'pending',
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    updated_at DATETIME DEFAULT CURRENT_TIMESTAMP
);
