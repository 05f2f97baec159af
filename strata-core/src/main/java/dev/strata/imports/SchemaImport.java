package dev.strata.imports;

import dev.strata.config.ConfigurationException;
import dev.strata.source.SourceFiles;
import dev.strata.sql.SqlSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code strata import}: writes a destructive full-schema script as the folder's first, non-destructive
 * migration(s). Nothing is written unless every file can be: a version that is taken stops the import.
 */
public final class SchemaImport {

    private static final Map<SchemaConverter.Part, String> SPLIT_NAMES = Map.of(
            SchemaConverter.Part.TABLES, "initial_tables",
            SchemaConverter.Part.INDEXES, "initial_indexes",
            SchemaConverter.Part.VIEWS_AND_TRIGGERS, "initial_triggers_and_views");

    private SchemaImport() {}

    /**
     * @param projectDir the project folder; {@code file} and {@code outDir} are relative to it
     * @param file       the schema script to import
     * @param outDir     where to write the migrations (created when missing)
     * @param split      one file per part (tables, indexes, triggers and views) instead of one file
     * @param splitter   the engine's splitter
     * @param postgres   the script is PostgreSQL's
     * @throws ImportException when a version the import needs is taken, or a file can't be written
     */
    public static ImportResult run(
            Path projectDir, Path file, Path outDir, boolean split, SqlSplitter splitter, boolean postgres) {
        Path input = projectDir.resolve(file).normalize();
        if (!Files.isRegularFile(input)) {
            throw new ConfigurationException("strata import " + file + ": no such file");
        }
        String shown = input.startsWith(projectDir)
                ? projectDir.relativize(input).toString().replace('\\', '/')
                : input.toString();
        SchemaConverter.Conversion conversion =
                SchemaConverter.convert(shown, SourceFiles.read(input, shown), splitter, postgres);

        Map<String, String> files = new LinkedHashMap<>();
        String header = header(shown);
        if (split) {
            int version = 0;
            for (Map.Entry<SchemaConverter.Part, String> part :
                    conversion.parts().entrySet()) {
                if (!part.getValue().isBlank() || part.getKey() == SchemaConverter.Part.TABLES) {
                    files.put(
                            String.format("%04d_%s.sql", version++, SPLIT_NAMES.get(part.getKey())),
                            header + part.getValue());
                }
            }
        } else {
            files.put("0000_initial_schema.sql", header + conversion.whole());
        }
        Path out = projectDir.resolve(outDir).normalize();
        refuseTakenVersions(out, files.size());
        return new ImportResult(write(out, files), conversion.notes());
    }

    private static String header(String shown) {
        return "-- Imported from " + shown + " by strata import. DROP statements were left out and every\n"
                + "-- CREATE made idempotent (IF NOT EXISTS / OR REPLACE), so running this on a database that\n"
                + "-- already has the schema and its data changes nothing.\n\n";
    }

    private static void refuseTakenVersions(Path out, int count) {
        if (!Files.isDirectory(out)) {
            return;
        }
        List<String> taken = new ArrayList<>();
        try (Stream<Path> entries = Files.list(out)) {
            entries.map(p -> p.getFileName().toString()).sorted().forEach(name -> {
                for (int version = 0; version < count; version++) {
                    if (Pattern.matches("0*" + version + "([_.].*)?", name)) {
                        taken.add(name);
                    }
                }
            });
        } catch (IOException e) {
            throw new ImportException("cannot list " + out + " (" + e.getMessage() + "); nothing was written");
        }
        if (!taken.isEmpty()) {
            throw new ImportException("the import needs version"
                    + (count == 1 ? " 0000" : "s 0000 to " + String.format("%04d", count - 1)) + ", but "
                    + String.join(", ", taken) + " already"
                    + (taken.size() == 1 ? " has" : " have") + " it; nothing was written. Import into an empty folder"
                    + " with --out DIR, or move the existing migrations first.");
        }
    }

    private static List<Path> write(Path out, Map<String, String> files) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(out);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = out.resolve(file.getKey());
                Files.writeString(
                        target,
                        file.getValue(),
                        StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                written.add(target);
            }
        } catch (IOException e) {
            throw new ImportException("cannot write the migrations into " + out + " (" + e.getMessage() + ")"
                    + (written.isEmpty() ? "; nothing was written" : "; written so far: " + written));
        }
        return written;
    }
}
