package dev.strata.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checksums of migration text, as stored in the history table.
 *
 * <p>The text is normalised first so that the same migration checked out on Windows (CRLF, maybe a
 * BOM added by an editor) and on Unix gets the same checksum. Nothing else is normalised: any other
 * change, a lone CR included, is a real edit and must change the checksum.
 */
public final class Checksums {

    /** Never updated, only cloned, so shared by every thread. */
    private static final MessageDigest SHA_256 = lookUp();

    private Checksums() {}

    /** SHA-256 of {@link #normalise(String) normalised} text, UTF-8 encoded, as lower-case hex. */
    public static String sha256(String text) {
        byte[] bytes = normalise(text).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Drops one leading BOM and turns every CRLF into LF. */
    public static String normalise(String text) {
        return SourceFiles.stripBom(text).replace("\r\n", "\n");
    }

    /**
     * A fresh digest per call, cloned from one looked up once: the provider lookup of
     * {@code getInstance} took three times as long as the hashing in a profile of status on 500 files.
     */
    private static MessageDigest digest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp(); // a provider whose digests can't be cloned
        }
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-256, so this is a broken runtime, not a user error.
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
