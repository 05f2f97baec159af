package dev.strata.dialect.postgres;

/**
 * The small POSIX shell wrapper every PostgreSQL client program runs under, so that it dies with
 * strata: a psql that outlived a killed strata would go on restoring, and a pg_dump would go on
 * writing a backup no one will finish.
 *
 * <p>Why a wrapper: Java can't ask the kernel to signal a child when its parent dies
 * ({@code PR_SET_PDEATHSIG} is Linux only and tied to the thread that started the child), and it
 * can't start a child in a process group of its own. What every POSIX system does give is a pipe:
 * the wrapper's stdin is a pipe from strata that strata never writes to, and which the kernel
 * closes when strata exits for any reason, SIGKILL included. A watcher in the wrapper waits for the
 * end of that pipe and then kills the program with SIGKILL. When the program ends first, the
 * wrapper stops the watcher and exits with the program's exit code. No polling, no file, and
 * nothing that depends on how strata ended.
 *
 * <p>The program itself gets /dev/null as stdin. In the restore pipeline, the program killed is
 * the last one (psql, the only one that changes the database); pg_restore, writing into the pipe
 * psql read, dies of SIGPIPE at its next write. A psql killed in the middle of the restore has
 * sent no COMMIT, so the server rolls the restore back.
 */
final class Lifeline {

    /** Runs {@code "$@"}: the program and its arguments. */
    static final String PROGRAM = "\"$@\" 3<&- &";

    /** What the restore pipeline writes on stderr when pg_restore did not read the archive through. */
    static final String RESTORE_FAILED = "strata: pg_restore did not read the backup through";

    /**
     * Runs {@code $1 --no-owner --file=- -- $2} (pg_restore of an archive) into {@code "$@"} after
     * four shifts (psql and its arguments). {@code $3} follows the SQL when pg_restore succeeded,
     * {@code $4} when it did not, after {@link #RESTORE_FAILED} on stderr.
     */
    static final String RESTORE_PIPELINE = "restore=\"$1\" archive=\"$2\" ok=\"$3\" bad=\"$4\"; shift 4\n"
            + "{ \"$restore\" --no-owner --file=- -- \"$archive\" && printf '%s\\n' \"$ok\""
            + " || { printf '%s\\n' '" + RESTORE_FAILED + "' >&2; printf '%s\\n' \"$bad\"; }; } 3<&- | \"$@\" 3<&- &";

    private Lifeline() {}

    /** The whole wrapper around {@code child}, a shell command that starts the program in the background. */
    static String script(String child) {
        return "exec 3<&0 0</dev/null\n"
                + child + "\n"
                + "child=$!\n"
                // strata never writes to fd 3: the read returns only when strata has closed it or died.
                + "( read -r _ <&3; kill -KILL \"$child\" 2>/dev/null ) &\n"
                + "watcher=$!\n"
                + "exec 3<&-\n"
                + "wait \"$child\"\n"
                + "code=$?\n"
                + "kill \"$watcher\" 2>/dev/null\n"
                + "exit \"$code\"\n";
    }
}
