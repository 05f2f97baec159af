package dev.strata.cli;

/** The documented exit codes; the only place they are defined. */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The operation failed: a migration error, a validation problem, an unreachable database. */
    public static final int FAILED = 1;
    /** The command line or the configuration is wrong; nothing was run. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
