package dev.strata.bench;

import java.util.List;

/**
 * The migrate workload's smallest size once more, on SQLite files in the work folder, on disk: strata
 * with a commit per migration, strata in one transaction and the floor, alternated. On disk every
 * commit waits for its flush, the cost {@code --single-transaction} exists to remove; the migrate
 * workload's files sit on tmpfs by default, where a commit costs no flush and the two modes differ
 * by little. Flyway and Liquibase pay the same flush per migration as the floor and are left out.
 */
final class DiskMigrateWorkload implements Workload {

    static final String NAME = "migrate (file on disk)";
    private static final List<String> CONTENDERS = List.of("strata", "floor");

    @Override
    public String id() {
        return "migrate-disk";
    }

    @Override
    public void run(BenchContext context) throws Exception {
        SqliteEngine disk = new SqliteEngine(context.work().resolve("sqlite-on-disk"));
        if (disk.fileSystem().equals("tmpfs")) {
            context.note("The " + NAME + " rows ran on tmpfs (the work folder is on one): they show no flush.");
        }
        int size = context.options().sizes().stream().min(Integer::compare).orElseThrow();
        MigrationSet set = context.migrations(size);
        int rounds = context.options().roundsFor(size);
        for (int round = 1; round <= rounds; round++) {
            List<Contender> order = context.order(round).stream()
                    .filter(contender -> CONTENDERS.contains(contender.name()))
                    .toList();
            for (Contender contender : MigrateWorkload.withSingleTransaction(order)) {
                Target target = disk.fresh();
                Timer.Timing timing = Timer.time(() -> contender.migrate(target, set));
                Checks.applied(context, "sqlite", target, size, contender);
                context.results().add(new Sample(NAME, "sqlite", size, contender.name(), round, timing));
                disk.drop(target);
            }
        }
    }
}
