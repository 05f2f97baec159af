package dev.strata.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void ordersPartByPartAsNumbers() {
        assertThat(Version.parse("1.10")).isGreaterThan(Version.parse("1.9"));
        assertThat(Version.parse("10")).isGreaterThan(Version.parse("9"));
        assertThat(Version.parse("2")).isGreaterThan(Version.parse("1.99"));
        assertThat(Version.parse("R__views")).isGreaterThan(Version.parse("99999999999999"));
        assertThat(Version.parse("R__b")).isGreaterThan(Version.parse("R__a"));
    }

    @Test
    void leadingAndTrailingZerosDoNotMakeAnotherVersion() {
        assertThat(Version.parse("0001").id()).isEqualTo("1");
        assertThat(Version.parse("1.0").sameAs(Version.parse("1"))).isTrue();
        assertThat(Version.parse("1.01").id()).isEqualTo("1.1");
        assertThat(Version.parse("1.0").compareTo(Version.parse("1"))).isZero();
        assertThat(Version.parse("0").id()).isEqualTo("0");
    }

    @Test
    void repeatableStandIn() {
        Version v = Version.repeatable("views");
        assertThat(v.text()).isEqualTo("R__views");
        assertThat(v.repeatable()).isTrue();
        assertThat(Version.parse("R__views")).isEqualTo(v);
        assertThatThrownBy(v::major).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsWhatIsNoVersion() {
        for (String bad : new String[] {"", "1.", ".1", "1..2", "v1", "1_2", "R__"}) {
            assertThatThrownBy(() -> Version.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
