package dev.strata.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads SQL scripts strictly as UTF-8.
 *
 * <p>Strictness matters because the checksum is taken over the decoded text: a lenient decoder
 * would silently replace bad bytes, so two different files could share a checksum and a file saved
 * in another encoding would run with mangled string literals.
 */
public final class SourceFiles {

    private static final char BOM = '\uFEFF';
    /**
     * The largest script strata reads: far above any real migration, and low enough that a runaway
     * file (a sparse gigabyte of NUL bytes, a log saved as .sql) is refused at once instead of being
     * read, decoded and split for minutes. Documented in the README's limits.
     */
    public static final long MAX_BYTES = 100L * 1024 * 1024;

    private SourceFiles() {}

    /**
     * The file's text, leading BOM removed, line endings untouched.
     *
     * @param shownAs the file's name in messages, e.g. {@code migrations/0003_x.sql}
     * @throws MigrationSourceException when the file can't be read or is not UTF-8
     */
    public static String read(Path file, String shownAs) {
        // Only plain files are read: a named pipe would block the run forever waiting for a writer, and
        // a device could be endless. One stat for both questions: a run reads thousands of files.
        java.nio.file.attribute.BasicFileAttributes kind = null;
        try {
            kind = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (IOException e) {
            // missing or unreadable: opening it below says so, with the reason
        }
        if (kind != null && kind.isDirectory()) {
            throw new MigrationSourceException(shownAs + ": is a folder, not a file; a migration script must be a"
                    + " plain .sql file (rename the folder, or give it an up.sql inside if it is a migration folder)");
        }
        if (kind != null && !kind.isRegularFile()) {
            throw new MigrationSourceException(shownAs + ": is not a plain file (a named pipe, socket or device);"
                    + " replace it with a regular .sql file");
        }
        byte[] bytes;
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file)) {
            // The size of the file opened, not of a name looked up before: checked before a byte is read.
            long size = channel.size();
            if (size > MAX_BYTES) {
                throw new MigrationSourceException(shownAs + ": is " + size / (1024 * 1024) + " MB, more than the "
                        + MAX_BYTES / (1024 * 1024) + " MB strata reads in one script; split it into several"
                        + " migrations, or load bulk data with the database's own import tool");
            }
            bytes = java.nio.channels.Channels.newInputStream(channel).readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new MigrationSourceException(shownAs + ": grew past " + MAX_BYTES / (1024 * 1024)
                        + " MB while it was read; split it into several migrations");
            }
        } catch (IOException e) {
            throw new MigrationSourceException(shownAs + ": cannot read the file (" + reason(e)
                    + "); check that it exists and that you may read it");
        }
        return stripBom(decode(bytes, shownAs));
    }

    /** Decodes UTF-8, failing on the first invalid byte with its offset (counted from 0) and line. */
    static String decode(byte[] bytes, String shownAs) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never decodes to more chars than it has bytes, so one buffer always suffices.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw new MigrationSourceException(shownAs + ": not valid UTF-8 at byte " + offset + " (line "
                    + lineAt(bytes, offset) + "); save the file as UTF-8");
        }
        return out.flip().toString();
    }

    static String stripBom(String text) {
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /** Why an I/O operation failed, in words, without repeating the path the caller already shows. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
