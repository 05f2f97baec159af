-- Indexes for the lookups the application makes on every request, which
-- otherwise scan the whole table: a user's preferences by Particle id, the
-- markets still open, and the transfers in a given state.
CREATE INDEX IF NOT EXISTS idx_user_preferences_particle_id ON user_preferences(particle_user_id);
CREATE INDEX IF NOT EXISTS idx_polymarket_markets_active ON polymarket_markets_cache(is_active);
CREATE INDEX IF NOT EXISTS idx_cctx_status ON zetachain_cctx_log(status);
