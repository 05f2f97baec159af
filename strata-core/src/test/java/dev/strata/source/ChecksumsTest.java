package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

    @Test
    void isLowerCaseHexSha256() {
        // Known SHA-256 of the empty string.
        assertThat(Checksums.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Checksums.sha256("create table t (id int);\n")).matches("[0-9a-f]{64}");
    }

    @Test
    void crlfAndLfGiveTheSameChecksum() {
        assertThat(Checksums.sha256("create table t (id int);\r\ninsert into t values (1);\r\n"))
                .isEqualTo(Checksums.sha256("create table t (id int);\ninsert into t values (1);\n"));
    }

    @Test
    void leadingBomIsIgnored() {
        assertThat(Checksums.sha256("\uFEFFselect 1;\n")).isEqualTo(Checksums.sha256("select 1;\n"));
    }

    @Test
    void loneCarriageReturnIsARealChange() {
        assertThat(Checksums.sha256("select 1;\rselect 2;\n")).isNotEqualTo(Checksums.sha256("select 1;\nselect 2;\n"));
    }

    @Test
    void anyOtherEditChangesTheChecksum() {
        assertThat(Checksums.sha256("select 1;\n")).isNotEqualTo(Checksums.sha256("select 1; \n"));
        assertThat(Checksums.sha256("select 1;\n")).isNotEqualTo(Checksums.sha256("select 1;"));
        // Only a leading BOM is stripped; one in the middle is content.
        assertThat(Checksums.sha256("select 1;\uFEFF")).isNotEqualTo(Checksums.sha256("select 1;"));
    }

    @Test
    void normaliseOnlyStripsBomAndCrlf() {
        assertThat(Checksums.normalise("\uFEFFa\r\nb\rc\n")).isEqualTo("a\nb\rc\n");
    }
}
