package dev.strata.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code strata test}: proves on a throwaway database that every down script restores the schema
 * (up, down, compare, up again); fails the build on any difference.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class TestMojo extends StrataMojo {

    @Override
    List<String> command() {
        return List.of("test");
    }
}
