package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsUtf8AndKeepsLineEndings() throws Exception {
        Path f = Files.writeString(dir.resolve("a.sql"), "insert into t values ('é');\r\n");
        assertThat(SourceFiles.read(f, "migrations/a.sql")).isEqualTo("insert into t values ('é');\r\n");
    }

    @Test
    void stripsLeadingBom() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Path f = dir.resolve("a.sql");
        Files.write(f, concat(bom, "select 1;".getBytes(StandardCharsets.UTF_8)));
        assertThat(SourceFiles.read(f, "migrations/a.sql")).isEqualTo("select 1;");
    }

    @Test
    void invalidUtf8NamesFileByteAndLine() throws Exception {
        Path f = dir.resolve("0003_x.sql");
        // "select 1;\n" is 10 bytes, so the Latin-1 'é' (0xE9) sits at offset 18 on line 2.
        Files.write(
                f, concat("select 1;\nselect '".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xE9, '\''}));
        assertThatThrownBy(() -> SourceFiles.read(f, "migrations/0003_x.sql"))
                .isInstanceOf(MigrationSourceException.class)
                .hasMessage("migrations/0003_x.sql: not valid UTF-8 at byte 18 (line 2); save the file as UTF-8");
    }

    @Test
    void truncatedSequenceAtEndIsInvalid() throws Exception {
        Path f = dir.resolve("x.sql");
        Files.write(f, new byte[] {'a', (byte) 0xC3});
        assertThatThrownBy(() -> SourceFiles.read(f, "x.sql")).hasMessageContaining("x.sql: not valid UTF-8 at byte 1");
    }

    @Test
    void missingFileIsNamedWithReason() {
        assertThatThrownBy(() -> SourceFiles.read(dir.resolve("gone.sql"), "migrations/gone.sql"))
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageContaining("migrations/gone.sql: cannot read the file (no such file)");
    }

    @Test
    void folderInsteadOfFileIsACleanError() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d.sql"));
        assertThatThrownBy(() -> SourceFiles.read(d, "migrations/d.sql"))
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageStartingWith("migrations/d.sql: is a folder, not a file");
    }

    @Test
    void namedPipeIsRefusedInsteadOfBlockingForever() throws Exception {
        Path pipe = dir.resolve("p.sql");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0, "mkfifo is available");
        assertThatThrownBy(() -> SourceFiles.read(pipe, "migrations/p.sql"))
                .isInstanceOf(MigrationSourceException.class)
                .hasMessageStartingWith("migrations/p.sql: is not a plain file (a named pipe");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
