package dev.strata.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code strata status}: lists every migration and its state; only reads the database. */
@Mojo(name = "status", threadSafe = true)
public final class StatusMojo extends StrataMojo {

    @Override
    List<String> command() {
        return List.of("status");
    }
}
