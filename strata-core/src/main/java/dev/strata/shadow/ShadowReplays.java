package dev.strata.shadow;

import dev.strata.config.DatabaseUrl;
import dev.strata.config.StrataConfig;
import dev.strata.dialect.Dialects;
import dev.strata.dialect.WaitListener;
import dev.strata.schema.Schema;
import dev.strata.source.Migration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The schemas migration files leave on a shadow, each replayed once and shared by whoever asks with
 * the same files and settings. A fleet's {@code drift} and {@code check} ask the same question of
 * every target made from one set of settings, such as each SQLite file of a glob or each database of
 * a PostgreSQL server, and one replay answers them all instead of one replay per target.
 *
 * <p>Two questions are the same when the files are equal (name, text and checksum), the target's
 * engine is the same (D1 applies rules of its own on the same in-memory SQLite shadow), and so is the
 * whole configuration but for which database the URL names on the server the shadow is made on (see
 * {@link dev.strata.dialect.Dialect#throwawayServer}), or for the URL altogether when {@code
 * shadow_url} names the shadow: a target of another environment or another tenant schema is
 * replayed on its own. A replay that fails fails alike for those waiting for it; the next to ask
 * replays again. Thread-safe: a target that asks while the first replay runs waits for it.
 */
public final class ShadowReplays {

    /**
     * The answers of the last questions asked, no more: a fleet of tenant schemas asks as many
     * questions as it has tenants, and none twice, so keeping every answer would only hold memory.
     */
    private static final int KEPT = 16;

    private final Map<Question, CompletableFuture<Schema>> answers = new LinkedHashMap<>(KEPT, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Question, CompletableFuture<Schema>> eldest) {
            return size() > KEPT;
        }
    };

    /** The settings and files that decide a replay's schema. */
    private record Question(DatabaseUrl.Engine engine, StrataConfig settings, List<Migration> files) {}

    /**
     * The schema {@code files} leave when applied in order on a shadow of {@code config}, as {@link
     * ShadowDatabase#applyAllThenRead} gives it: replayed now, or taken from an earlier replay of the
     * same question.
     *
     * @throws ShadowException when a file fails on the shadow, or the shadow can't be used
     */
    public Schema applyAllThenRead(StrataConfig config, List<Migration> files, WaitListener waits) {
        Question question = question(config, files);
        CompletableFuture<Schema> mine = new CompletableFuture<>();
        CompletableFuture<Schema> earlier;
        synchronized (answers) {
            earlier = answers.putIfAbsent(question, mine);
        }
        if (earlier != null) {
            try {
                return earlier.join();
            } catch (CompletionException e) {
                // The replay's own failure, as the asker that ran it threw it.
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        try (ShadowDatabase shadow = ShadowDatabase.create(config, waits)) {
            Schema schema = shadow.applyAllThenRead(files);
            mine.complete(schema);
            return schema;
        } catch (Throwable e) {
            // Those already waiting share the failure; a later ask replays again, as the cause may have
            // passed (a server out of connections, a shadow another process was using).
            synchronized (answers) {
                answers.remove(question, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static Question question(StrataConfig config, List<Migration> files) {
        DatabaseUrl server =
                config.shadowUrl().orElseGet(() -> Dialects.forUrl(config.url()).throwawayServer(config.url()));
        return new Question(config.url().engine(), config.onDatabase(server, ""), List.copyOf(files));
    }
}
