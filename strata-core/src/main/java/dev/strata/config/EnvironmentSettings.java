package dev.strata.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The operational settings of one {@code [environments.NAME]} table of strata.toml, checked when the
 * file is loaded. Environments that set none of them, and runs whose database did not come from an
 * environment ({@code --url}, {@code DATABASE_URL}), get {@link #NONE}.
 *
 * @param requires  another environment every pending migration must already be applied on, with the
 *                  same checksum, before {@code migrate} runs it here (promotion: staging before prod)
 * @param confirm   {@code migrate} lists what it will apply and asks before it applies it
 * @param backup    when strata takes a backup by itself
 * @param keep      how many backups of this database to keep in the backups folder; the oldest
 *                  beyond that are deleted after each new one; empty keeps them all
 * @param seeds     the data files of the {@code seeds} folder that {@code strata seed} loads here,
 *                  in order; empty means {@code strata seed} refuses to run here
 * @param protectedEnvironment {@code protected = true}: {@code strata reset} refuses to empty this database
 */
public record EnvironmentSettings(
        Optional<String> requires,
        boolean confirm,
        BackupPolicy backup,
        OptionalInt keep,
        List<String> seeds,
        boolean protectedEnvironment) {

    /** No promotion rule, no confirmation, no automatic backup, no pruning, no seeds, not protected. */
    public static final EnvironmentSettings NONE =
            new EnvironmentSettings(Optional.empty(), false, BackupPolicy.NEVER, OptionalInt.empty(), List.of(), false);

    /** Settings of an environment that is not protected from {@code strata reset}. */
    public EnvironmentSettings(
            Optional<String> requires, boolean confirm, BackupPolicy backup, OptionalInt keep, List<String> seeds) {
        this(requires, confirm, backup, keep, seeds, false);
    }

    /** When strata takes a backup without being asked. */
    public enum BackupPolicy {
        /** Only when asked with {@code strata backup}. */
        NEVER("never"),
        /** Before {@code migrate} applies anything (not when nothing is pending). */
        BEFORE_MIGRATE("before-migrate");

        private final String word;

        BackupPolicy(String word) {
            this.word = word;
        }

        /** As written in strata.toml. */
        public String word() {
            return word;
        }
    }

    public EnvironmentSettings {
        Objects.requireNonNull(requires, "requires");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(keep, "keep");
        seeds = List.copyOf(seeds);
    }
}
