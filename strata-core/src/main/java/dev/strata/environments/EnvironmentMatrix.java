package dev.strata.environments;

import java.util.List;

/**
 * {@code strata status --all-envs}: every migration by every environment of strata.toml.
 *
 * @param environments  the environments, in strata.toml order
 * @param rows          one row per version found in the folder or in any history, by version
 */
public record EnvironmentMatrix(List<EnvironmentColumn> environments, List<MatrixRow> rows) {

    public EnvironmentMatrix {
        environments = List.copyOf(environments);
        rows = List.copyOf(rows);
    }

    /** True when every environment could be read. */
    public boolean allReachable() {
        return environments.stream().allMatch(EnvironmentColumn::reachable);
    }
}
