package dev.strata.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the configuration loader (Jazzer): strata.toml, {@code --url},
 * {@code --env} and the environment, all hostile at once.
 *
 * <p>The input is split at NUL bytes into: strata.toml's text, the {@code --url} value, the
 * {@code --env} value, {@code DATABASE_URL}, and the value of {@code FUZZ_VAR} (which strata.toml can
 * read as {@code ${env.FUZZ_VAR}}); a missing part is not given. The word {@code PASSWORD} anywhere
 * becomes a fixed secret.
 *
 * <p>Properties: {@link ConfigLoader#load} returns a configuration or throws
 * {@link ConfigurationException}, nothing else; and where the secret stands plainly as a URL's
 * password (user-info or {@code password=} parameter), neither the message nor the URL as displayed
 * contains it. Seeds: {@code ConfigLoaderFuzzerInputs/fuzz} in the test resources.
 */
class ConfigLoaderFuzzer {

    private static final String SECRET = "Fz-sekret-7Q";
    private static final Pattern SECRET_AS_PASSWORD = Pattern.compile(
            "^(?:jdbc:)?postgres(?:ql)?://[^/@:?#]*:" + SECRET + "@[^@]*$|[?&]password=" + SECRET + "(?:&|$)");
    private static final Path PROJECT;

    static {
        try {
            PROJECT = Files.createTempDirectory("strata-config-fuzz");
            // Deleted in reverse order of registration: the file, then its folder.
            PROJECT.toFile().deleteOnExit();
            PROJECT.resolve(StrataConfig.CONFIG_FILE).toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void fuzz(byte[] input) throws IOException {
        String text = new String(input, StandardCharsets.UTF_8).replace("PASSWORD", SECRET);
        List<String> parts = parts(text);
        Path toml = PROJECT.resolve(StrataConfig.CONFIG_FILE);
        if (parts.get(0) != null) {
            Files.writeString(toml, parts.get(0));
        } else {
            Files.deleteIfExists(toml);
        }
        Map<String, String> env = new HashMap<>();
        if (parts.get(3) != null) {
            env.put("DATABASE_URL", parts.get(3));
        }
        if (parts.get(4) != null) {
            env.put("FUZZ_VAR", parts.get(4));
        }
        ConfigOptions options = ConfigOptions.in(PROJECT)
                .withUrl(parts.get(1))
                .withEnvironment(parts.get(2))
                .withEnv(env);
        // Only a secret that stands once, plainly as a password, is owed silence; elsewhere it is just text.
        boolean secretMustHide = text.indexOf(SECRET) == text.lastIndexOf(SECRET)
                && parts.subList(1, 5).stream()
                        .anyMatch(part ->
                                part != null && SECRET_AS_PASSWORD.matcher(part).find());
        try {
            StrataConfig config = ConfigLoader.load(options);
            assertThat(config.url()).isNotNull();
            if (secretMustHide) {
                assertThat(config.url().display()).doesNotContain(SECRET);
                assertThat(config.url().toString()).doesNotContain(SECRET);
            }
        } catch (ConfigurationException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            if (secretMustHide) {
                assertThat(expected.getMessage()).doesNotContain(SECRET);
            }
        }
    }

    /** Five parts, null where the input has none. */
    private static List<String> parts(String text) {
        List<String> parts = new ArrayList<>(List.of(text.split("\u0000", 5)));
        while (parts.size() < 5) {
            parts.add(null);
        }
        return parts;
    }
}
