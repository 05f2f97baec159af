package dev.strata.engine;

import java.util.List;

/**
 * What {@code strata seed} loaded.
 *
 * @param database     the database, as named to people
 * @param environment  the environment whose seed list was loaded
 * @param files        the seed files, relative to the project, in the order they ran
 * @param statements   how many statements ran
 */
public record SeedResult(String database, String environment, List<String> files, int statements) {

    public SeedResult {
        files = List.copyOf(files);
    }
}
