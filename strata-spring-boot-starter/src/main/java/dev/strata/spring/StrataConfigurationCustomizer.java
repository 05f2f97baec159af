package dev.strata.spring;

import dev.strata.Strata;

/** Adjusts strata's configuration before it is loaded; every bean of this type is applied, in order. */
@FunctionalInterface
public interface StrataConfigurationCustomizer {

    void customize(Strata.Builder builder);
}
