package dev.strata.refactor;

/**
 * Turns an {@link Alteration} into one engine's SQL. Each dialect supplies one (engine-specific SQL
 * lives in the dialect packages); {@link Refactorer} assembles what it returns into migration files.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface AlterWriter {

    /**
     * @param alteration what to change
     * @param tag        a short word unique to the migration being written (its version), for the
     *                   names of the temporary tables its checks use, so two generated migrations run
     *                   in one session never collide
     * @throws AlterRefusedException when the change can't be made safely on this engine
     */
    AlterScript write(Alteration alteration, String tag);

    /**
     * The three migrations of {@code strata alter --online}: the expand (new column, the trigger that
     * keeps both columns in step), the backfill (no transaction; {@code -- strata:backfill}), and the
     * contract (drops the trigger and the old column). The contract's {@code -- strata:contract-of}
     * directive is added by {@link Refactorer}, which knows the expand's version.
     */
    record OnlineScripts(AlterScript expand, AlterScript backfill, AlterScript contract) {}

    /**
     * @throws AlterRefusedException on an engine that has no online form
     */
    default OnlineScripts writeOnline(OnlineChange change) {
        throw new AlterRefusedException(
                "strata alter --online is written for PostgreSQL only; run strata alter" + " without --online.");
    }
}
