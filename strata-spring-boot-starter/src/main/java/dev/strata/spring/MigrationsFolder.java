package dev.strata.spring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Turns {@code strata.dir} into a folder strata can read. A path on disk, or a classpath folder
 * that is one (an IDE, {@code mvn spring-boot:run}, tests), is used as it is. A classpath folder
 * inside a jar (a packaged application) is copied, file by file and byte for byte so checksums
 * don't change, into a temporary folder that is deleted when the JVM exits.
 */
final class MigrationsFolder {

    private static final String CLASSPATH = "classpath:";

    private MigrationsFolder() {}

    static Path resolve(String dir, ResourceLoader loader) {
        if (!dir.startsWith(CLASSPATH)) {
            Path path = Path.of(dir).toAbsolutePath().normalize();
            if (!Files.isDirectory(path)) {
                throw missing(dir);
            }
            return path;
        }
        String location = dir.substring(CLASSPATH.length()).replaceAll("^/+|/+$", "");
        Resource folder = loader.getResource(CLASSPATH + location + "/");
        try {
            if (!folder.exists()) {
                throw missing(dir);
            }
            URI uri = folder.getURI();
            if ("file".equals(uri.getScheme())) {
                return Path.of(uri);
            }
            return extract(location, loader);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not read the migrations of strata.dir '" + dir + "': " + e.getMessage(), e);
        }
    }

    private static Path extract(String location, ResourceLoader loader) throws IOException {
        Path target = Files.createTempDirectory("strata-migrations-");
        target.toFile().deleteOnExit();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
        String prefix = location + "/";
        for (Resource resource : resolver.getResources(CLASSPATH + prefix + "**")) {
            if (!resource.isReadable()) {
                continue; // a folder entry
            }
            String url = resource.getURL().toString();
            String relative = url.substring(url.lastIndexOf(prefix) + prefix.length());
            Path file = target.resolve(relative).normalize();
            if (!file.startsWith(target)) {
                throw new IllegalStateException("a migration resource leaves its folder: " + url);
            }
            Files.createDirectories(file.getParent());
            try (InputStream in = resource.getInputStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            file.toFile().deleteOnExit();
        }
        return target;
    }

    private static IllegalStateException missing(String dir) {
        return new IllegalStateException("strata found no migrations folder at strata.dir '" + dir + "': put the"
                + " migrations there, set strata.dir to their folder, or set strata.enabled=false to start without"
                + " strata");
    }
}
