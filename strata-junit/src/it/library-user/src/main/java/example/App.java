package example;

import dev.strata.Strata;
import dev.strata.engine.MigrateResult;
import java.nio.file.Path;

/** An application that migrates its database through strata's Java API. */
public final class App {

    private App() {
    }

    public static MigrateResult migrate(Path project, String url) {
        return Strata.configure().projectDir(project).url(url).migrations(Path.of("migrations")).load().migrate();
    }
}
