package dev.strata.cli.commands;

import dev.strata.source.Version;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a version option such as {@code --target 0003}. */
final class VersionConverter implements ITypeConverter<Version> {

    @Override
    public Version convert(String value) {
        try {
            return Version.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a version; use the digits of a file name, e.g. 0003");
        }
    }
}
