package dev.strata.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of the libraries on the class path, read from the pom.properties Maven puts in each jar. */
final class Versions {

    private Versions() {}

    static String of(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
